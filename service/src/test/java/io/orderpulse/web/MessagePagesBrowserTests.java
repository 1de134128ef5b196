package io.orderpulse.web;

import java.util.regex.Pattern;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.SelectOption;
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

import org.springframework.beans.factory.annotation.Autowired;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

/**
 * The inbox and the admin's message page in a real browser: alice's unread badge follows
 * in every open tab without a reload, and what the admin composes reaches her inbox.
 */
@BrowserTest
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

	@Test
	void theAdminWritesATemplatePreviewsItAndSendsItToAlice() {
		Page inbox = inbox();
		Page admin = this.browser.signedInWithoutSocket(this.api, this.admin.username(), "/messages-admin.html");
		admin.locator("#template-new").click();
		admin.locator("#tpl-name").fill("维护通知");
		admin.locator("#tpl-category").fill("MAINTENANCE");
		admin.locator("#tpl-priority").selectOption("HIGH");
		admin.locator("#tpl-title").fill("维护通知 - {day|date('MM月dd日')}");
		admin.locator("#tpl-content")
			.fill("尊敬的{userName:用户}，系统将于{day|date('yyyy年MM月dd日 HH:mm')}进行维护，预计耗时{duration}小时。");
		// the variables are not declared yet: the API's errors appear under the fields
		// they name
		admin.locator("#tpl-save").click();
		assertThat(admin.locator("#tpl-title + .field-error")).containsText("variable 'day' is not declared");
		assertThat(admin.locator("#tpl-content + .field-error")).containsText("is not declared");
		addVariable(admin, 1, "userName", "STRING", false);
		addVariable(admin, 2, "day", "DATETIME", true);
		addVariable(admin, 3, "duration", "NUMBER", true);
		admin.getByLabel("variable 3 default").fill("many");
		admin.locator("#tpl-save").click();
		assertThat(admin.locator("#tpl-variables tbody tr").nth(2).locator(".field-error").nth(3))
			.hasText("must be a number");
		admin.getByLabel("variable 3 default").fill("");
		admin.locator("#tpl-save").click();
		assertThat(admin.locator("#tpl-result")).hasText("Saved template 维护通知.");
		assertThat(admin.locator("#templates tbody tr")).hasCount(1);
		assertThat(admin.locator("#templates tbody tr td").first()).hasText("维护通知");

		// compose from it: typed inputs, a live preview whose errors name the variable
		admin.locator("#template").selectOption(new SelectOption().setLabel("维护通知"));
		assertThat(admin.locator("#title")).isHidden();
		assertThat(admin.locator("#var-day")).hasAttribute("type", "datetime-local");
		assertThat(admin.locator("#var-duration")).hasAttribute("type", "number");
		assertThat(admin.locator("#var-error-day")).hasText("is required");
		admin.locator("#var-day").fill("2024-01-20T22:00");
		admin.locator("#var-duration").fill("2");
		assertThat(admin.locator("#template-preview-title")).hasText("维护通知 - 01月20日");
		assertThat(admin.locator("#template-preview-content")).hasText("尊敬的用户，系统将于2024年01月20日 22:00进行维护，预计耗时2小时。");
		admin.locator("#var-userName").fill("<b>Alice</b>");
		assertThat(admin.locator("#template-preview-content"))
			.hasText("尊敬的<b>Alice</b>，系统将于2024年01月20日 22:00进行维护，预计耗时2小时。");
		Assertions.assertThat(admin.locator("#template-preview-content b").count()).isZero();

		admin.locator("#target").selectOption("USER");
		admin.locator("#receiver-user").fill(Long.toString(this.alice.id()));
		admin.locator("#send").click();
		assertThat(admin.locator("#send-result")).containsText("to 1 recipient");

		assertThat(inbox.locator("#unread-badge")).hasText("1");
		Locator message = inbox.locator("#messages .message").first();
		assertThat(message.locator(".title")).hasText("维护通知 - 01月20日");
		assertThat(message).hasClass(Pattern.compile("priority-high"));
	}

	private static void addVariable(Page page, int number, String name, String type, boolean required) {
		page.locator("#tpl-add-variable").click();
		page.getByLabel("variable " + number + " name").fill(name);
		page.getByLabel("variable " + number + " type").selectOption(type);
		if (required) {
			page.getByLabel("variable " + number + " required").check();
		}
	}

}
