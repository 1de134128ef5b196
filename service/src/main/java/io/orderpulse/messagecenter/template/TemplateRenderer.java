package io.orderpulse.messagecenter.template;

import java.io.IOException;
import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.orderpulse.messagecenter.template.SeedTemplateSyntax.Translation;
import io.pebbletemplates.pebble.PebbleEngine;
import io.pebbletemplates.pebble.template.PebbleTemplate;

import org.springframework.stereotype.Component;

/**
 * Renders message templates with Pebble, sandboxed: the seed's syntax is translated (see
 * {@link SeedTemplateSyntax}, which admits only variables, literals, operators and a few
 * filters); the {@link SandboxedEngine} itself knows only the {@code if} and {@code for}
 * tags, those filters and the seed's three {@link TemplateFunctions}, loads no template
 * by name, and refuses every Java method call but the getters of {@code loop}; the data
 * are plain maps, lists, strings, numbers, booleans and dates. A rendering is aborted
 * when it runs past {@link TemplateSettings#renderTimeout()} (checked at every loop step
 * and every write) or writes more than {@link TemplateSettings#maxOutput()}.
 */
@Component
public class TemplateRenderer {

	/** What a StackOverflowError in Pebble's parser or renderer answers. */
	private static final String TOO_COMPLEX = "the template is too complex for the engine's stack: keep expressions to "
			+ SeedTemplateSyntax.MAX_OPERATORS + " operators, quoted texts to " + SeedTemplateSyntax.MAX_TEXT
			+ " characters and nesting to 16 levels";

	private final PebbleEngine engine;

	private final Cache<Source, Compiled> compiled = Caffeine.newBuilder()
		.maximumWeight(5_000_000)
		.weigher((Source key, Compiled value) -> key.text().length() + 1)
		.build();

	private final TemplateSettings settings;

	TemplateRenderer(TemplateSettings settings) {
		this.settings = settings;
		this.engine = SandboxedEngine.create(settings.maxOutput().toBytes());
	}

	/**
	 * Checks a template and compiles it; the last templates compiled (up to five million
	 * characters of source) are kept, since compiling costs several times what rendering
	 * does.
	 * @throws TemplateException if it does not follow the syntax
	 */
	public Compiled compile(String source, Set<String> declared) {
		return this.compiled.get(new Source(source, Set.copyOf(declared)), (key) -> translate(source, declared));
	}

	/**
	 * The translator's limits keep Pebble's recursive parser and renderer well within a
	 * stack; a StackOverflowError is still caught here and in {@link #render}, as the
	 * last resort for whatever those limits did not foresee (another thread's smaller
	 * stack, a construct nobody thought of): it unwinds only frames of this request's own
	 * parsing or rendering, which hold no lock and change no shared state, so the request
	 * answers a 400 and the service carries on.
	 */
	private Compiled translate(String source, Set<String> declared) {
		Translation translation;
		try {
			translation = SeedTemplateSyntax.translate(source, declared);
		}
		catch (SeedTemplateSyntax.TemplateSyntaxException ex) {
			throw new TemplateException(TemplateException.Kind.SYNTAX, ex.getMessage());
		}
		catch (StackOverflowError ex) {
			throw new TemplateException(TemplateException.Kind.SYNTAX, TOO_COMPLEX);
		}
		try {
			return new Compiled(this.engine.getLiteralTemplate(translation.pebble()), translation.variables(),
					translation.texts());
		}
		catch (StackOverflowError ex) {
			throw new TemplateException(TemplateException.Kind.SYNTAX, TOO_COMPLEX);
		}
		catch (RuntimeException ex) {
			throw new TemplateException(TemplateException.Kind.SYNTAX, String.valueOf(ex.getMessage()));
		}
	}

	/**
	 * Renders compiled templates with the same data, under one time and size budget.
	 * @param values the variables: maps, lists, strings, numbers, booleans, dates
	 * @return the texts in order
	 * @throws TemplateException if a limit is exceeded or rendering fails
	 */
	public List<String> render(List<Compiled> templates, Map<String, Object> values) {
		RenderBudget budget = new RenderBudget(this.settings.maxOutput().toBytes(), this.settings.renderTimeout());
		Map<String, Object> context = new LinkedHashMap<>();
		values.forEach((name, value) -> context.put(name, BudgetedValues.wrap(value, budget)));
		return templates.stream().map((template) -> render(template, context, budget)).toList();
	}

	private String render(Compiled template, Map<String, Object> values, RenderBudget budget) {
		StringWriter text = new StringWriter();
		Map<String, Object> context = new LinkedHashMap<>(values);
		context.putAll(template.texts());
		try {
			template.template().evaluate(new BoundedWriter(text, budget), context);
		}
		catch (StackOverflowError ex) {
			throw new TemplateException(TemplateException.Kind.RENDER, TOO_COMPLEX);
		}
		catch (IOException | RuntimeException ex) {
			for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
				if (cause instanceof TemplateException limit) {
					throw limit;
				}
			}
			throw new TemplateException(TemplateException.Kind.RENDER, String.valueOf(ex.getMessage()));
		}
		return collapseBlankLines(text.getBuffer()).strip();
	}

	/**
	 * Runs of two or more blank (or blank-looking) lines become one blank line. By hand:
	 * the pattern {@code \n[ \t]*\n(?:[ \t]*\n)+} recursed once per line and overflowed
	 * the stack on a few thousand.
	 */
	static String collapseBlankLines(CharSequence text) {
		StringBuilder out = new StringBuilder(text.length());
		int i = 0;
		while (i < text.length()) {
			char c = text.charAt(i);
			if (c == '\n') {
				int blankLines = 0;
				int end = i + 1;
				int next = end;
				while (true) {
					while (next < text.length() && (text.charAt(next) == ' ' || text.charAt(next) == '\t')) {
						next++;
					}
					if (next >= text.length() || text.charAt(next) != '\n') {
						break;
					}
					blankLines++;
					end = ++next;
				}
				if (blankLines >= 2) {
					out.append("\n\n");
					i = end;
					continue;
				}
			}
			out.append(c);
			i++;
		}
		return out.toString();
	}

	private record Source(String text, Set<String> declared) {
	}

	/**
	 * A template ready to render.
	 *
	 * @param template the compiled template
	 * @param variables the root variables it reads
	 * @param texts its quoted and fallback texts, by the hidden variables that hold them
	 */
	public record Compiled(PebbleTemplate template, Set<String> variables, Map<String, String> texts) {
	}

}
