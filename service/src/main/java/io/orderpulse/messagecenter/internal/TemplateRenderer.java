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
import java.io.Writer;
import java.time.Duration;
import java.util.AbstractList;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

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

	private static final Pattern BLANK_LINES = Pattern.compile("\\n[ \\t]*\\n(?:[ \\t]*\\n)+");

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
					return Map.of(TRUTHY, new Truthy());
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

	private Compiled translate(String source, Set<String> declared) {
		Translation translation;
		try {
			translation = SeedTemplateSyntax.translate(source, declared);
		}
		catch (SeedTemplateSyntax.TemplateSyntaxException ex) {
			throw new TemplateException(TemplateException.Kind.SYNTAX, ex.getMessage());
		}
		try {
			return new Compiled(this.engine.getLiteralTemplate(translation.pebble()), translation.variables());
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
		Budget budget = new Budget(System.nanoTime() + this.settings.renderTimeout().toNanos(),
				this.settings.maxOutput().toBytes(), this.settings.renderTimeout());
		Map<String, Object> context = new LinkedHashMap<>();
		values.forEach((name, value) -> context.put(name, budget.wrap(value)));
		return templates.stream().map((template) -> render(template, context, budget)).toList();
	}

	private String render(Compiled template, Map<String, Object> context, Budget budget) {
		StringWriter text = new StringWriter();
		try {
			template.template().evaluate(new BudgetWriter(text, budget), context);
		}
		catch (IOException | RuntimeException ex) {
			for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
				if (cause instanceof TemplateException limit) {
					throw limit;
				}
			}
			throw new TemplateException(TemplateException.Kind.RENDER, String.valueOf(ex.getMessage()));
		}
		return BLANK_LINES.matcher(text.toString()).replaceAll("\n\n").strip();
	}

	private record Source(String text, Set<String> declared) {
	}

	/**
	 * A template ready to render.
	 *
	 * @param template the compiled template
	 * @param variables the root variables it reads
	 */
	public record Compiled(PebbleTemplate template, Set<String> variables) {
	}

	/**
	 * Time and output left to one rendering; wraps the data so that every step of a loop
	 * checks the time.
	 */
	private static final class Budget {

		private final long deadline;

		private final Duration timeout;

		private long outputLeft;

		private final long maxOutput;

		Budget(long deadline, long maxOutput, Duration timeout) {
			this.deadline = deadline;
			this.outputLeft = maxOutput;
			this.maxOutput = maxOutput;
			this.timeout = timeout;
		}

		void tick() {
			if (System.nanoTime() - this.deadline > 0) {
				throw new TemplateException(TemplateException.Kind.TIMEOUT,
						"Rendering took longer than " + this.timeout.toMillis() + " ms and was stopped.");
			}
		}

		void wrote(int chars) {
			this.outputLeft -= chars;
			if (this.outputLeft < 0) {
				throw new TemplateException(TemplateException.Kind.OUTPUT,
						"Rendering produced more than " + this.maxOutput + " characters and was stopped.");
			}
			tick();
		}

		@SuppressWarnings("unchecked")
		Object wrap(Object value) {
			if (value instanceof List<?> list) {
				return new BudgetList(list.stream().map(this::wrap).toList(), this);
			}
			if (value instanceof Map<?, ?> map) {
				Map<String, Object> copy = new LinkedHashMap<>();
				((Map<String, Object>) map).forEach((key, item) -> copy.put(key, wrap(item)));
				return new BudgetMap(copy, this);
			}
			return value;
		}

	}

	private static final class BudgetList extends AbstractList<Object> {

		private final List<Object> items;

		private final Budget budget;

		BudgetList(List<Object> items, Budget budget) {
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

		private final Budget budget;

		BudgetMap(Map<String, Object> entries, Budget budget) {
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
			Budget budget = this.budget;
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

	private static final class BudgetWriter extends Writer {

		private final Writer out;

		private final Budget budget;

		BudgetWriter(Writer out, Budget budget) {
			this.out = out;
			this.budget = budget;
		}

		@Override
		public void write(char[] chars, int offset, int length) throws IOException {
			this.budget.wrote(length);
			this.out.write(chars, offset, length);
		}

		@Override
		public void write(String text, int offset, int length) throws IOException {
			this.budget.wrote(length);
			this.out.write(text, offset, length);
		}

		@Override
		public void flush() throws IOException {
			this.out.flush();
		}

		@Override
		public void close() throws IOException {
			this.out.close();
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
				.filter((entry) -> SeedTemplateSyntax.FILTERS.contains(entry.getKey()) || TRUTHY.equals(entry.getKey()))
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
