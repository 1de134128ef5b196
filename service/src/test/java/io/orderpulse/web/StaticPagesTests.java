package io.orderpulse.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
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
 * {@code document.write}, string-built handlers such as {@code setTimeout('...')}).
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

}
