package io.orderpulse.web;

import com.microsoft.playwright.Page;
import io.orderpulse.Browser;
import io.orderpulse.IntegrationTest;
import io.orderpulse.TestApi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.beans.factory.annotation.Autowired;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LandingPageBrowserTests {

	@Autowired
	TestApi api;

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

		page.locator("#logout-button").click();
		assertThat(page.locator("#login-form")).isVisible();
		assertThat(page.locator("#user-panel")).isHidden();
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
