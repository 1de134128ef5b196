package io.orderpulse.web;

import com.microsoft.playwright.Page;
import io.orderpulse.Browser;
import io.orderpulse.BrowserTest;
import io.orderpulse.TestApi;
import io.orderpulse.identity.Role;
import io.orderpulse.identity.UserAccounts;
import io.orderpulse.identity.UserSummary;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.beans.factory.annotation.Autowired;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

@BrowserTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LandingPageBrowserTests {

	@Autowired
	TestApi api;

	@Autowired
	UserAccounts accounts;

	private Browser browser;

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

	@Test
	void aliceLogsInSeesHerNameAndLogsOut() {
		Page page = this.browser.newPage();
		page.navigate(this.api.uri("/").toString());

		page.getByLabel("Username").fill("alice");
		page.getByLabel("Password").fill("password");
		page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log in"))
			.click();

		assertThat(page.locator("#display-name")).hasText("Alice Chen");
		assertThat(page.locator("#user-name")).hasText("alice");

		// the session survives a reload of the page
		page.reload();
		assertThat(page.locator("#display-name")).hasText("Alice Chen");

		String token = (String) page.evaluate("() => JSON.parse(sessionStorage.getItem('orderpulse.session')).token");
		page.locator("#logout-button").click();
		assertThat(page.locator("#login-form")).isVisible();
		assertThat(page.locator("#user-panel")).isHidden();
		org.assertj.core.api.Assertions.assertThat(this.api.get("/api/v1/users/me", token).status())
			.as("logging out ended the session on the server")
			.isEqualTo(401);
	}

	@Test
	void aUserSavesContactDetailsAndSeesTheServersErrorsUnderTheField() {
		UserSummary user = this.api.createUser("Landing Page Org", "contact", Role.BUYER);
		Page page = this.browser.newPage();
		page.navigate(this.api.uri("/").toString());
		page.getByLabel("Username").fill(user.username());
		page.getByLabel("Password").fill("password");
		page.locator("#login-button").click();
		assertThat(page.locator("#contact-email")).hasValue("");

		page.getByLabel("Email").fill("reach.me@example.com");
		page.getByLabel("Phone (international, e.g. +8613800000000)").fill("13800000000");
		page.locator("#contact-save").click();
		assertThat(page.locator("#contact-phone-error")).containsText("E.164");
		assertThat(page.locator("#contact-email-error")).isHidden();

		page.getByLabel("Phone (international, e.g. +8613800000000)").fill("+8613800000000");
		page.locator("#contact-save").click();
		assertThat(page.locator("#contact-status")).hasText("Saved.");
		assertThat(page.locator("#contact-phone-error")).isHidden();

		page.reload();
		assertThat(page.locator("#contact-email")).hasValue("reach.me@example.com");
		assertThat(page.locator("#contact-phone")).hasValue("+8613800000000");
		org.assertj.core.api.Assertions.assertThat(this.accounts.contact(user.id()).orElseThrow().phone())
			.isEqualTo("+8613800000000");
	}

	@Test
	void wrongPasswordShowsTheServersMessage() {
		Page page = this.browser.newPage();
		page.navigate(this.api.uri("/").toString());

		page.getByLabel("Username").fill("bob");
		page.getByLabel("Password").fill("not-his-password");
		page.locator("#login-button").click();

		assertThat(page.locator("#login-error")).hasText("The username or password is not right.");
		assertThat(page.locator("#user-panel")).isHidden();
	}

}
