package io.orderpulse.web;

import java.util.List;
import java.util.Map;

import com.microsoft.playwright.Page;
import org.assertj.core.api.Assertions;

/**
 * What a page does with planted markup: it records the page's CSP violations (the
 * listener is installed by the browser's debugger, not by the page, so the policy does
 * not apply to it), its console errors and uncaught errors, and checks that no planted
 * script ran and no planted element appeared.
 */
final class PlantedMarkup {

	private static final String EVIDENCE = """
			() => ({ ran: String(window.__xss ?? window.__XSS ?? ''),
				planted: document.querySelectorAll('img, svg, iframe, object, embed, script:not([src])').length,
				violations: window.__violations || [] })
			""";

	private PlantedMarkup() {
	}

	/**
	 * Records the tab's CSP violations in the page and its console and page errors in
	 * {@code problems}.
	 */
	static void watch(Page tab, List<String> problems) {
		tab.addInitScript(
				"""
						window.__violations = [];
						document.addEventListener('securitypolicyviolation', (event) => window.__violations.push(
							event.violatedDirective + ' blocked ' + event.blockedURI + ' at ' + event.sourceFile + ':' + event.lineNumber));
						""");
		tab.onConsoleMessage((message) -> {
			if (message.type().equals("error") && !message.text().startsWith("Failed to load resource")) {
				problems.add(tab.url() + " console: " + message.text());
			}
		});
		tab.onPageError((error) -> problems.add(tab.url() + " error: " + error));
	}

	/**
	 * No planted script ran, no planted element is in the page, no CSP violation.
	 */
	static void assertClean(Page tab) {
		Map<?, ?> evidence = (Map<?, ?>) tab.evaluate(EVIDENCE);
		Assertions.assertThat(evidence.get("ran")).as(tab.url() + ": a planted script ran").isEqualTo("");
		Assertions.assertThat(evidence.get("planted")).as(tab.url() + ": planted elements").isEqualTo(0);
		Assertions.assertThat((List<?>) evidence.get("violations")).as(tab.url() + ": CSP violations").isEmpty();
	}

	/**
	 * No CSP violation (for pages that show planted markup nowhere, such as the API
	 * docs).
	 */
	static void assertNoViolations(Page tab) {
		Map<?, ?> evidence = (Map<?, ?>) tab.evaluate(EVIDENCE);
		Assertions.assertThat((List<?>) evidence.get("violations")).as(tab.url() + ": CSP violations").isEmpty();
	}

}
