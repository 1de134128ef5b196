package io.orderpulse.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pages' own files keep to what the Content-Security-Policy allows and never parse
 * text as HTML: no script in the markup (only {@code <script src>}), no event-handler
 * attributes or {@code javascript:} URLs, and no script that writes HTML
 * ({@code innerHTML}, {@code outerHTML}, {@code insertAdjacentHTML},
 * {@code document.write}, string-built handlers such as {@code setTimeout('...')}). The
 * service's Java code builds no HTML from strings either: no string literal holds an HTML
 * tag and nothing escapes HTML by hand; HTML comes from static pages or from templates
 * that escape by themselves.
 */
class StaticPagesTests {

	private static final Pattern INLINE_SCRIPT = Pattern.compile("<script(?![^>]*\\ssrc=)[^>]*>",
			Pattern.CASE_INSENSITIVE);

	private static final Pattern HANDLER_ATTRIBUTE = Pattern.compile("<[^>]*\\son[a-z]+\\s*=",
			Pattern.CASE_INSENSITIVE);

	private static final Pattern HTML_SINKS = Pattern.compile(
			"innerHTML|outerHTML|insertAdjacentHTML|document\\.write|\\beval\\(|new Function\\(|set(Timeout|Interval)\\(\\s*['\"`]");

	@Test
	void pagesHoldNoInlineScriptsOrHandlers() throws IOException {
		List<Resource> pages = resources("classpath:static/**/*.html");
		assertThat(pages).hasSizeGreaterThanOrEqualTo(6);
		for (Resource page : pages) {
			String html = page.getContentAsString(StandardCharsets.UTF_8);
			assertThat(matches(INLINE_SCRIPT, html)).as(page.getFilename() + " inline scripts").isEmpty();
			assertThat(matches(HANDLER_ATTRIBUTE, html)).as(page.getFilename() + " handler attributes").isEmpty();
			assertThat(html).as(page.getFilename()).doesNotContainIgnoringCase("javascript:");
		}
	}

	@Test
	void scriptsNeverWriteHtml() throws IOException {
		List<Resource> scripts = resources("classpath:static/**/*.js");
		assertThat(scripts).extracting(Resource::getFilename).contains("ui.js", "shop.js", "messages-admin.js");
		for (Resource script : scripts) {
			String code = script.getContentAsString(StandardCharsets.UTF_8).replaceAll("(?m)^\\s*//.*$", "");
			assertThat(matches(HTML_SINKS, code)).as(script.getFilename()).isEmpty();
			assertThat(code).as(script.getFilename()).doesNotContainIgnoringCase("javascript:");
		}
	}

	private static final Pattern HTML_TAG = Pattern.compile("(?i)<!doctype|</?(html|head|body|title|meta|link|style|"
			+ "script|div|span|table|thead|tbody|tr|td|th|form|input|button|select|option|textarea|label|img|svg|"
			+ "iframe|object|embed|ul|ol|li|pre|code|strong|em|h[1-6])(?=[\\s/>])|(?-i)</?(p|a|b|i|br|hr)(?=[\\s/>])");

	@Test
	void javaSourcesBuildNoHtmlFromStrings() throws IOException {
		Path sources = Path.of("src/main/java");
		assertThat(sources).isDirectory();
		List<String> found = new ArrayList<>();
		try (Stream<Path> files = Files.walk(sources)) {
			for (Path file : files.filter((path) -> path.toString().endsWith(".java")).toList()) {
				String code = Files.readString(file);
				for (String literal : JavaLiterals.of(code)) {
					if (HTML_TAG.matcher(literal).find()) {
						found.add(sources.relativize(file) + ": " + literal.strip().lines().findFirst().orElse(""));
					}
				}
				if (code.contains("HtmlUtils")) {
					found.add(sources.relativize(file) + ": escapes HTML by hand (HtmlUtils)");
				}
			}
		}
		assertThat(found).as("HTML built from strings in Java").isEmpty();
	}

	@Test
	void theSourceScanSeesTagsInLiteralsAndTextBlocksButNotInComments() {
		String code = "/** <p>Javadoc</p> */ class A { // \"<div>\"\n String a = \"<p class=\\\"x\\\">\" + b;"
				+ " List<String> c; char d = '\"'; String e = \"\"\"\n <html lang=\"en\">\n \"\"\";"
				+ " String f = \"a < b\"; }";
		List<String> literals = JavaLiterals.of(code);
		assertThat(literals).hasSize(3);
		assertThat(literals).filteredOn((literal) -> HTML_TAG.matcher(literal).find()).hasSize(2);
	}

	private static List<Resource> resources(String pattern) throws IOException {
		return List.of(new PathMatchingResourcePatternResolver().getResources(pattern));
	}

	private static List<String> matches(Pattern pattern, String text) {
		List<String> found = new ArrayList<>();
		Matcher matcher = pattern.matcher(text);
		while (matcher.find()) {
			found.add(matcher.group());
		}
		return found;
	}

	/**
	 * The string literals and text blocks of Java source, without comments and char
	 * literals (a small lexer: enough for a scan, not a parser).
	 */
	static final class JavaLiterals {

		static List<String> of(String code) {
			List<String> literals = new ArrayList<>();
			int i = 0;
			int n = code.length();
			while (i < n) {
				char c = code.charAt(i);
				if (code.startsWith("//", i)) {
					int end = code.indexOf('\n', i);
					i = (end < 0) ? n : end + 1;
				}
				else if (code.startsWith("/*", i)) {
					int end = code.indexOf("*/", i + 2);
					i = (end < 0) ? n : end + 2;
				}
				else if (code.startsWith("\"\"\"", i)) {
					int end = i + 3;
					while (end < n && !code.startsWith("\"\"\"", end)) {
						end += (code.charAt(end) == '\\') ? 2 : 1;
					}
					literals.add(code.substring(i + 3, Math.min(end, n)));
					i = end + 3;
				}
				else if (c == '"' || c == '\'') {
					int end = i + 1;
					while (end < n && code.charAt(end) != c && code.charAt(end) != '\n') {
						end += (code.charAt(end) == '\\') ? 2 : 1;
					}
					if (c == '"') {
						literals.add(code.substring(i + 1, Math.min(end, n)));
					}
					i = end + 1;
				}
				else {
					i++;
				}
			}
			return literals;
		}

	}

}
