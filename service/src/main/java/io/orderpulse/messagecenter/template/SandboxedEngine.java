package io.orderpulse.messagecenter.template;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.pebbletemplates.pebble.PebbleEngine;
import io.pebbletemplates.pebble.extension.AbstractExtension;
import io.pebbletemplates.pebble.extension.Extension;
import io.pebbletemplates.pebble.extension.ExtensionCustomizer;
import io.pebbletemplates.pebble.extension.Filter;
import io.pebbletemplates.pebble.extension.Function;
import io.pebbletemplates.pebble.loader.Loader;
import io.pebbletemplates.pebble.tokenParser.TokenParser;

/**
 * The Pebble engine templates render with, sandboxed: it knows only the {@code if} and
 * {@code for} tags, the filters {@link SeedTemplateSyntax#FILTERS} admits (with
 * {@link TemplateFilters}' own {@code join} and {@code truthy}) and the seed's
 * {@link TemplateFunctions}, loads no template by name, and refuses every Java method
 * call but the getters of {@code loop} ({@code index}, {@code first}, {@code last},
 * {@code length}, {@code revindex}).
 */
final class SandboxedEngine {

	private static final Set<String> TAGS = Set.of("if", "for");

	/**
	 * The getters of {@code loop} inside a for loop: the only methods templates reach.
	 */
	private static final String LOOP_VARIABLES = "io.pebbletemplates.pebble.node.ForNode$LoopVariables";

	private SandboxedEngine() {
	}

	/**
	 * A new engine.
	 * @param maxOutput the most characters one rendering may produce
	 */
	static PebbleEngine create(long maxOutput) {
		return new PebbleEngine.Builder().loader(new NoTemplates())
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
					return TemplateFilters.all(maxOutput);
				}

				@Override
				public Map<String, Function> getFunctions() {
					return TemplateFunctions.all();
				}
			})
			.build();
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
				.filter((entry) -> SeedTemplateSyntax.FILTERS.contains(entry.getKey())
						&& !TemplateFilters.JOIN.equals(entry.getKey()))
				.collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue))) : null;
		}

		@Override
		public Map<String, Function> getFunctions() {
			Map<String, Function> functions = super.getFunctions();
			return (functions != null) ? functions.entrySet()
				.stream()
				.filter((entry) -> SeedTemplateSyntax.FUNCTIONS.contains(entry.getKey()))
				.collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)) : null;
		}

		@Override
		public List<TokenParser> getTokenParsers() {
			List<TokenParser> parsers = super.getTokenParsers();
			return (parsers != null) ? parsers.stream().filter((parser) -> TAGS.contains(parser.getTag())).toList()
					: null;
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
