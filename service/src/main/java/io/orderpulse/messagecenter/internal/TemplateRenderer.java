package io.orderpulse.messagecenter.internal;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import java.io.StringWriter;
import java.util.AbstractList;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.orderpulse.messagecenter.internal.SeedTemplateSyntax.Translation;
import io.pebbletemplates.pebble.PebbleEngine;
import io.pebbletemplates.pebble.extension.AbstractExtension;
import io.pebbletemplates.pebble.extension.Extension;
import io.pebbletemplates.pebble.extension.ExtensionCustomizer;
import io.pebbletemplates.pebble.extension.Filter;
import io.pebbletemplates.pebble.extension.Function;
import io.pebbletemplates.pebble.loader.Loader;
import io.pebbletemplates.pebble.template.EvaluationContext;
import io.pebbletemplates.pebble.template.PebbleTemplate;
import io.pebbletemplates.pebble.tokenParser.TokenParser;

import org.springframework.stereotype.Component;

/**
 * Renders message templates with Pebble, sandboxed: the seed's syntax is translated (see
 * {@link SeedTemplateSyntax}, which admits only variables, literals, operators and a few
 * filters); the engine itself knows only the {@code if} and {@code for} tags, those
 * filters and the seed's three functions ({@code date}, {@code substring}, {@code url}),
 * loads no template by name, and refuses every Java method call but the getters of
 * {@code loop} ({@code index}, {@code first}, {@code last}, {@code length},
 * {@code revindex}); the data are plain maps, lists, strings, numbers, booleans and
 * dates. A rendering is aborted when it runs past
 * {@link TemplateSettings#renderTimeout()} (checked at every loop step and every write)
 * or writes more than {@link TemplateSettings#maxOutput()}.
 */
@Component
public class TemplateRenderer {

	private static final String JOIN = "join";

	/** What a StackOverflowError in Pebble's parser or renderer answers. */
	private static final String TOO_COMPLEX = "the template is too complex for the engine's stack: keep expressions to "
			+ SeedTemplateSyntax.MAX_OPERATORS + " operators, quoted texts to " + SeedTemplateSyntax.MAX_TEXT
			+ " characters and nesting to 16 levels";

	private static final Set<String> TAGS = Set.of("if", "for");

	private static final String TRUTHY = "truthy";

	/**
	 * The getters of {@code loop} inside a for loop: the only methods templates reach.
	 */
	private static final String LOOP_VARIABLES = "io.pebbletemplates.pebble.node.ForNode$LoopVariables";

	private final PebbleEngine engine;

	private final Cache<Source, Compiled> compiled = Caffeine.newBuilder()
		.maximumWeight(5_000_000)
		.weigher((Source key, Compiled value) -> key.text().length() + 1)
		.build();

	private final TemplateSettings settings;

	TemplateRenderer(TemplateSettings settings) {
		this.settings = settings;
		this.engine = new PebbleEngine.Builder().loader(new NoTemplates())
			.autoEscaping(false)
			.strictVariables(false)
			.newLineTrimming(false)
			.cacheActive(false)
			.defaultLocale(Locale.ROOT)
			.methodAccessValidator((object, method) -> LOOP_VARIABLES.equals(object.getClass().getName()))
			.registerExtensionCustomizer(Restricted::new)
			.extension(new AbstractExtension() {
				@Override
				public Map<String, Filter> getFilters() {
					return Map.of(TRUTHY, new Truthy(), JOIN, new BoundedJoin(settings.maxOutput().toBytes()));
				}

				@Override
				public Map<String, Function> getFunctions() {
					return Map.of("date", new DateFunction(), "substring", new Substring(), "url", new Url());
				}
			})
			.build();
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
		values.forEach((name, value) -> context.put(name, wrap(value, budget)));
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

	@SuppressWarnings("unchecked")
	private static Object wrap(Object value, RenderBudget budget) {
		if (value instanceof List<?> list) {
			return new BudgetList(list.stream().map((item) -> wrap(item, budget)).toList(), budget);
		}
		if (value instanceof Map<?, ?> map) {
			Map<String, Object> copy = new LinkedHashMap<>();
			((Map<String, Object>) map).forEach((key, item) -> copy.put(key, wrap(item, budget)));
			return new BudgetMap(copy, budget);
		}
		return value;
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

	private static final class BudgetList extends AbstractList<Object> {

		private final List<Object> items;

		private final RenderBudget budget;

		BudgetList(List<Object> items, RenderBudget budget) {
			this.items = items;
			this.budget = budget;
		}

		@Override
		public Object get(int index) {
			this.budget.tick();
			return this.items.get(index);
		}

		@Override
		public int size() {
			return this.items.size();
		}

	}

	private static final class BudgetMap extends AbstractMap<String, Object> {

		private final Map<String, Object> entries;

		private final RenderBudget budget;

		BudgetMap(Map<String, Object> entries, RenderBudget budget) {
			this.entries = entries;
			this.budget = budget;
		}

		@Override
		public Object get(Object key) {
			return this.entries.get(key);
		}

		@Override
		public boolean containsKey(Object key) {
			return this.entries.containsKey(key);
		}

		@Override
		public Set<Entry<String, Object>> entrySet() {
			Set<Entry<String, Object>> entries = this.entries.entrySet();
			RenderBudget budget = this.budget;
			return new AbstractSet<>() {
				@Override
				public Iterator<Entry<String, Object>> iterator() {
					Iterator<Entry<String, Object>> iterator = entries.iterator();
					return new Iterator<>() {
						@Override
						public boolean hasNext() {
							return iterator.hasNext();
						}

						@Override
						public Entry<String, Object> next() {
							budget.tick();
							return iterator.next();
						}
					};
				}

				@Override
				public int size() {
					return entries.size();
				}
			};
		}

	}

	/**
	 * The engine's extensions without functions, with only the allowed filters and the
	 * {@code if} and {@code for} tags.
	 */
	private static final class Restricted extends ExtensionCustomizer {

		Restricted(Extension extension) {
			super(extension);
		}

		@Override
		public Map<String, Filter> getFilters() {
			Map<String, Filter> filters = super.getFilters();
			return (filters != null) ? Map.copyOf(filters.entrySet()
				.stream()
				.filter((entry) -> SeedTemplateSyntax.FILTERS.contains(entry.getKey()) && !JOIN.equals(entry.getKey()))
				.collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue))) : null;
		}

		@Override
		public Map<String, Function> getFunctions() {
			Map<String, Function> functions = super.getFunctions();
			return (functions != null) ? functions.entrySet()
				.stream()
				.filter((entry) -> SeedTemplateSyntax.FUNCTIONS.contains(entry.getKey()))
				.collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)) : null;
		}

		@Override
		public List<TokenParser> getTokenParsers() {
			List<TokenParser> parsers = super.getTokenParsers();
			return (parsers != null) ? parsers.stream().filter((parser) -> TAGS.contains(parser.getTag())).toList()
					: null;
		}

	}

	/**
	 * Whether a value counts as true in a condition: false, null, zero and empty text,
	 * lists and maps do not.
	 */
	private static final class Truthy implements Filter {

		@Override
		public List<String> getArgumentNames() {
			return List.of();
		}

		@Override
		public Object apply(Object input, Map<String, Object> args, PebbleTemplate self, EvaluationContext context,
				int lineNumber) {
			return switch (input) {
				case null -> false;
				case Boolean bool -> bool;
				case Number number -> number.doubleValue() != 0;
				case CharSequence text -> !text.isEmpty();
				case java.util.Collection<?> items -> !items.isEmpty();
				case Map<?, ?> map -> !map.isEmpty();
				default -> true;
			};
		}

	}

	/**
	 * {@code join(separator)}, like Pebble's, but it stops as soon as the text passes the
	 * output limit: such a text could never be written, and building it first is what
	 * exhausted memory (45,000 items glued with 90,000 characters).
	 */
	private static final class BoundedJoin implements Filter {

		private final long maxOutput;

		BoundedJoin(long maxOutput) {
			this.maxOutput = maxOutput;
		}

		@Override
		public List<String> getArgumentNames() {
			return List.of("separator");
		}

		@Override
		public Object apply(Object input, Map<String, Object> args, PebbleTemplate self, EvaluationContext context,
				int lineNumber) {
			if (input == null) {
				return null;
			}
			if (!(input instanceof java.util.Collection<?> items)) {
				throw new IllegalArgumentException("join needs a list, not " + input.getClass().getSimpleName());
			}
			String separator = (args.get("separator") != null) ? String.valueOf(args.get("separator")) : "";
			StringBuilder text = new StringBuilder();
			boolean first = true;
			for (Object item : items) {
				String piece = String.valueOf(item);
				long length = (long) text.length() + (first ? 0 : separator.length()) + piece.length();
				if (length > this.maxOutput) {
					throw RenderBudget.tooLarge(this.maxOutput);
				}
				if (!first) {
					text.append(separator);
				}
				text.append(piece);
				first = false;
			}
			return text.toString();
		}

	}

	/**
	 * {@code date(value, 'pattern')}: a date, date-time, epoch milliseconds or ISO-8601
	 * text formatted with a {@code DateTimeFormatter} pattern.
	 */
	private static final class DateFunction implements Function {

		@Override
		public List<String> getArgumentNames() {
			return List.of("value", "pattern");
		}

		@Override
		public Object execute(Map<String, Object> args, PebbleTemplate self, EvaluationContext context,
				int lineNumber) {
			Object value = args.get("value");
			if (value == null) {
				return null;
			}
			TemporalAccessor temporal = switch (value) {
				case TemporalAccessor accessor -> accessor;
				case Number millis -> Instant.ofEpochMilli(millis.longValue()).atOffset(ZoneOffset.UTC);
				case String text -> parse(text);
				default -> throw new IllegalArgumentException("date() needs a date, not " + value);
			};
			return DateTimeFormatter.ofPattern(String.valueOf(args.get("pattern")), Locale.ROOT).format(temporal);
		}

		private static TemporalAccessor parse(String text) {
			try {
				return OffsetDateTime.parse(text);
			}
			catch (DateTimeParseException ex) {
				try {
					return LocalDateTime.parse(text);
				}
				catch (DateTimeParseException again) {
					return LocalDate.parse(text);
				}
			}
		}

	}

	/** {@code substring(text, from, to)}: characters from..to (to optional), clamped. */
	private static final class Substring implements Function {

		@Override
		public List<String> getArgumentNames() {
			return List.of("text", "from", "to");
		}

		@Override
		public Object execute(Map<String, Object> args, PebbleTemplate self, EvaluationContext context,
				int lineNumber) {
			Object value = args.get("text");
			if (value == null) {
				return null;
			}
			String text = String.valueOf(value);
			int from = clamp(args.get("from"), 0, text.length());
			int to = (args.get("to") != null) ? clamp(args.get("to"), from, text.length()) : text.length();
			return text.substring(from, to);
		}

		private static int clamp(Object index, int min, int max) {
			long value = (index instanceof Number number) ? number.longValue() : min;
			return (int) Math.max(min, Math.min(max, value));
		}

	}

	/**
	 * {@code url(path, params)}: the path with the map's entries as an encoded query.
	 */
	private static final class Url implements Function {

		@Override
		public List<String> getArgumentNames() {
			return List.of("path", "params");
		}

		@Override
		public Object execute(Map<String, Object> args, PebbleTemplate self, EvaluationContext context,
				int lineNumber) {
			StringBuilder url = new StringBuilder(String.valueOf(args.getOrDefault("path", "")));
			if (args.get("params") instanceof Map<?, ?> params) {
				char separator = (url.indexOf("?") >= 0) ? '&' : '?';
				for (Map.Entry<?, ?> param : params.entrySet()) {
					if (param.getValue() != null) {
						url.append(separator)
							.append(URLEncoder.encode(String.valueOf(param.getKey()), StandardCharsets.UTF_8))
							.append('=')
							.append(URLEncoder.encode(String.valueOf(param.getValue()), StandardCharsets.UTF_8));
						separator = '&';
					}
				}
			}
			return url.toString();
		}

	}

	/** A loader that has no templates: include, import and extends find nothing. */
	private static final class NoTemplates implements Loader<String> {

		@Override
		public java.io.Reader getReader(String cacheKey) {
			throw new TemplateException(TemplateException.Kind.SYNTAX, "Templates cannot load other templates.");
		}

		@Override
		public void setCharset(String charset) {
		}

		@Override
		public void setPrefix(String prefix) {
		}

		@Override
		public void setSuffix(String suffix) {
		}

		@Override
		public String resolveRelativePath(String relativePath, String anchorPath) {
			return relativePath;
		}

		@Override
		public String createCacheKey(String templateName) {
			return templateName;
		}

		@Override
		public boolean resourceExists(String templateName) {
			return false;
		}

	}

}
