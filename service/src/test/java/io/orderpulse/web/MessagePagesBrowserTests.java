package io.orderpulse.web;

import java.util.regex.Pattern;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.orderpulse.Browser;
import io.orderpulse.IntegrationTest;
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

import org.springframework.beans.factory.annotation.Autowired;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

/**
 * The inbox and the admin's message page in a real browser: alice's unread badge follows
 * in every open tab without a reload, and what the admin composes reaches her inbox.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MessagePagesBrowserTests {

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
		String org = "Pages " + Long.toString(System.nanoTime(), 36);
		this.admin = this.api.createUser(org, "admin", Role.ADMIN);
		this.alice = this.api.createUser(org, "alice", Role.BUYER);
	}

	private Page inbox() {
		Page tab = this.browser.signedIn(this.api, this.alice.username(), "/inbox.html");
		assertThat(tab.locator("#list-title")).containsText("Messages");
		return tab;
	}

	private static Locator button(Locator scope, String name) {
		return scope.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName(name).setExact(true));
	}

	@Test
	void unreadBadgesFollowInEveryTabWithoutReload() {
		Page first = inbox();
		Page second = inbox();
		assertThat(first.locator("#unread-badge")).hasText("0");
		assertThat(second.locator("#unread-badge")).hasText("0");

		Response sent = this.api.post("/api/v1/messages/broadcast", """
				{"scope": "ORGANIZATION", "messageType": "SYSTEM", "title": "系统维护通知",
				 "content": "系统将于今晚22:00-24:00进行维护升级", "priority": "URGENT"}
				""", this.api.tokenFor(this.admin));
		Assertions.assertThat(sent.status()).as(sent.toString()).isEqualTo(200);
		assertThat(first.locator("#unread-badge")).hasText("1");
		assertThat(second.locator("#unread-badge")).hasText("1");

		Locator message = first.locator("#messages .message").first();
		assertThat(message.locator(".title")).hasText("系统维护通知");
		assertThat(message).hasClass(Pattern.compile("priority-urgent"));
		assertThat(message.locator(".priority")).hasText("URGENT");
		button(message, "Mark read").click();
		assertThat(second.locator("#unread-badge")).hasText("0");
		assertThat(first.locator("#unread-badge")).hasText("0");
		assertThat(first.locator("#messages .message").first()).hasClass(Pattern.compile("\\bread\\b"));
	}

	@Test
	void theAdminComposesAndAliceFindsItInHerInbox() {
		Page inbox = inbox();
		Page admin = this.browser.signedInWithoutSocket(this.api, this.admin.username(), "/messages-admin.html");
		assertThat(admin.locator("#stats-summary")).containsText("0 messages");

		admin.locator("#target").selectOption("USER");
		admin.locator("#receiver-user").fill(Long.toString(this.alice.id()));
		admin.locator("#priority").selectOption("HIGH");
		admin.locator("#category").fill("MAINTENANCE");
		admin.locator("#title").fill("Scheduled maintenance tonight");
		admin.locator("#content").fill("数据库维护期间暂停服务");
		admin.locator("#send").click();
		assertThat(admin.locator("#send-result")).containsText("to 1 recipient");
		assertThat(admin.locator("#stats-summary")).containsText("1 messages to 1 recipients, 0 read");
		// the chart (Chart.js from its webjar) shows today's sent recipient and no read
		Object sentAndRead = admin.evaluate("""
				() => Chart.getChart('stats-chart').data.datasets
					.map((set) => set.data.reduce((sum, value) => sum + value, 0))
				""");
		Assertions.assertThat(sentAndRead).asString().isEqualTo("[1, 0]");

		assertThat(inbox.locator("#unread-badge")).hasText("1");
		Locator message = inbox.locator("#messages .message").first();
		assertThat(message.locator(".title")).hasText("Scheduled maintenance tonight");
		assertThat(message).hasClass(Pattern.compile("priority-high"));

		inbox.locator("#search").fill("维护");
		inbox.locator("#apply").click();
		assertThat(inbox.locator("#list-title")).hasText("Search results (1)");
		button(inbox.locator("#messages .message").first(), "Delete").click();
		assertThat(inbox.locator("#list-title")).hasText("Search results (0)");
		assertThat(inbox.locator("#unread-badge")).hasText("0");
	}

}
