package io.orderpulse.web;

import java.util.regex.Pattern;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.orderpulse.Browser;
import io.orderpulse.BrowserTest;
import io.orderpulse.TestApi;
import io.orderpulse.TestApi.Response;
import io.orderpulse.identity.Role;
import io.orderpulse.identity.UserSummary;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

/**
 * The Routing section of the admin's message page and the preferences on the inbox page
 * in a real browser: the admin's invalid rule shows the API's errors under the fields,
 * the corrected rule is listed, the rule test names it, and a message it delays appears
 * among the pending deliveries, where the admin cancels it.
 */
@BrowserTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RoutingPagesBrowserTests {

	@Autowired
	TestApi api;

	private Browser browser;

	private UserSummary admin;

	private UserSummary alice;

	@BeforeAll
	void launchBrowser() throws Exception {
		this.browser = Browser.launch();
	}

	@AfterAll
	void closeBrowser() throws Exception {
		if (this.browser != null) {
			this.browser.close();
		}
	}

	@BeforeEach
	void newOrganization() {
		String org = "Routing pages " + Long.toString(System.nanoTime(), 36);
		this.admin = this.api.createUser(org, "admin", Role.ADMIN);
		this.alice = this.api.createUser(org, "alice", Role.BUYER);
	}

	@Test
	void theAdminCreatesARuleTestsItAndCancelsTheDeliveryItDelays() {
		Page page = this.browser.signedInWithoutSocket(this.api, this.admin.username(), "/messages-admin.html");
		page.locator("#route-new").click();
		page.locator("#route-name").fill("Digest later");
		page.locator("#route-priority").fill("5");
		page.locator("#route-category").fill("DIGEST");
		page.locator("#route-channels input[value=WEBSOCKET]").uncheck();
		page.locator("#route-delay").fill("-PT10M");
		page.locator("#route-save").click();
		assertThat(page.locator("#route-channels + .field-error")).containsText("must be a non-empty array");
		assertThat(page.locator("#route-delay + .field-error")).containsText("must not be negative");
		assertThat(page.locator("#routes tbody tr")).hasCount(0);

		page.locator("#route-channels input[value=WEBSOCKET]").check();
		page.locator("#route-delay").fill("PT10M");
		page.locator("#route-save").click();
		assertThat(page.locator("#route-form")).isHidden();
		Locator row = page.locator("#routes tbody tr");
		assertThat(row).hasCount(1);
		assertThat(row).containsText("Digest later");
		assertThat(row).containsText("category DIGEST");
		assertThat(row).containsText("WEBSOCKET after PT10M");

		page.locator("#test-category").fill("DIGEST");
		page.locator("#test-user").fill(Long.toString(this.alice.id()));
		page.locator("#route-test").click();
		assertThat(page.locator("#route-test-result")).containsText("Matches: Digest later → WEBSOCKET after PT10M");
		assertThat(page.locator("#route-test-checks li")).hasText("Digest later: matched");
		page.locator("#test-category").fill("NEWS");
		page.locator("#route-test").click();
		assertThat(page.locator("#route-test-result")).containsText("Matches: default route");
		assertThat(page.locator("#route-test-checks li")).hasText("Digest later: category is NEWS, not DIGEST");

		// the rule's effect: a digest to alice waits 10 minutes among the pending
		// deliveries
		Response sent = this.api.post("/api/v1/messages/send", """
				{"receiverId": %d, "messageType": "SYSTEM", "title": "Your digest", "content": "3 new orders",
				 "priority": "NORMAL", "category": "DIGEST"}
				""".formatted(this.alice.id()), this.api.tokenFor(this.admin));
		Assertions.assertThat(sent.status()).isEqualTo(200);
		String messageId = sent.json().get("messageId").asString();
		Locator pending = page.locator("#pending tbody tr", new Page.LocatorOptions().setHasText("DELAY"));
		page.waitForCondition(() -> {
			page.locator("#pending-refresh").click();
			return pending.count() == 1;
		});
		assertThat(pending.locator("td").first()).hasText(messageId);
		pending.getByRole(AriaRole.BUTTON).click();
		assertThat(pending).hasCount(0);
		JsonNode record = this.api.get("/api/v1/messages/" + messageId + "/deliveries", this.api.tokenFor(this.admin))
			.json()
			.get(0);
		Assertions.assertThat(record.get("status").asString()).isEqualTo("CANCELLED");

		// disabling it from the list: the test falls back to the default route
		page.getByLabel("Enable Digest later").uncheck();
		page.locator("#test-category").fill("DIGEST");
		page.locator("#route-test").click();
		assertThat(page.locator("#route-test-checks li")).hasText("Digest later: disabled");
	}

	@Test
	void aUserTurnsEmailOffForACategoryOnTheInboxPage() {
		Page inbox = this.browser.signedIn(this.api, this.alice.username(), "/inbox.html");
		assertThat(inbox.locator("#pref-table tbody tr")).hasCount(1);
		inbox.locator("#pref-new-category").fill("marketing");
		inbox.locator("#pref-add-category").click();
		inbox.getByLabel("EMAIL for MARKETING").uncheck();
		inbox.getByLabel("SMS for all categories").uncheck();
		inbox.locator("#pref-save").click();
		assertThat(inbox.locator("#pref-result")).hasText("Preferences saved.");
		assertThat(inbox.getByLabel("EMAIL for MARKETING")).not().isChecked();

		JsonNode saved = this.api.get("/api/v1/users/me/notification-preferences", this.api.tokenFor(this.alice))
			.json();
		Assertions.assertThat(saved.get("channels").get("SMS").asBoolean()).isFalse();
		Assertions.assertThat(saved.get("categories").get("MARKETING").get("EMAIL").asBoolean()).isFalse();
		Assertions.assertThat(saved.get("categories").get("MARKETING").get("WEBSOCKET").asBoolean()).isTrue();

		inbox.locator("#my-quiet-zone").fill("Nowhere");
		inbox.locator("#my-quiet-save").click();
		assertThat(inbox.locator("#my-quiet-result")).containsText(Pattern.compile("zone must be an IANA time zone"));
		inbox.locator("#my-quiet-zone").fill("Europe/Berlin");
		inbox.locator("#my-quiet-save").click();
		assertThat(inbox.locator("#my-quiet-result")).hasText("Your quiet hours on: 22:00-08:00 Europe/Berlin");
	}

}
