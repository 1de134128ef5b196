package io.orderpulse.web;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.orderpulse.Browser;
import io.orderpulse.BrowserTest;
import io.orderpulse.TestApi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.beans.factory.annotation.Autowired;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

/**
 * Alice and the merchant in two separate browsers (own profiles, own sessions): alice
 * orders and pays, the merchant console pops up the new-order alert and announces it;
 * alice reminds, the console shows the reminder; the merchant confirms, alice's page
 * shows it without a reload.
 */
@BrowserTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OrderPagesBrowserTests {

	@Autowired
	TestApi api;

	private Browser merchantBrowser;

	private Browser aliceBrowser;

	@BeforeAll
	void launchBrowsers() throws Exception {
		this.merchantBrowser = Browser.launch();
		this.aliceBrowser = Browser.launch();
	}

	@AfterAll
	void closeBrowsers() throws Exception {
		Browser.closeAll(this.merchantBrowser, this.aliceBrowser);
	}

	private static Locator button(Locator scope, String name) {
		return scope.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName(name).setExact(true));
	}

	@Test
	void aliceOrdersPaysAndRemindsWhileTheMerchantConsoleAlertsAndConfirms() {
		Page merchant = this.merchantBrowser.signedIn(this.api, "merchant", "/merchant.html");
		Page alice = this.aliceBrowser.signedIn(this.api, "alice", "/shop.html");

		alice.getByLabel("Quantity of Mango Pudding").fill("1");
		alice.locator("#place-order").click();
		Locator order = alice.locator("#orders tbody tr").first();
		assertThat(order.locator(".status")).hasText("PENDING_PAYMENT");

		Page payPage = alice.waitForPopup(() -> button(order, "Pay").click());
		button(payPage.locator("body"), "Confirm payment").click();

		Locator dialog = merchant.locator("#alert-dialog");
		assertThat(dialog)
			.isVisible(new com.microsoft.playwright.assertions.LocatorAssertions.IsVisibleOptions().setTimeout(2_000));
		assertThat(merchant.locator("#alert-title")).containsText("New order");
		assertThat(merchant.locator("#last-announcement")).hasText("您有新的订单");
		merchant.locator("#alert-close").click();

		assertThat(order.locator(".status")).hasText("PAID");
		button(order, "Remind").click();
		assertThat(dialog).isVisible();
		assertThat(merchant.locator("#alert-title")).containsText("Customer reminder");
		assertThat(merchant.locator("#last-announcement")).hasText("客户催单");
		merchant.locator("#alert-close").click();

		button(merchant.locator("#orders tbody tr").first(), "Confirm").click();
		assertThat(order.locator(".status")).hasText("CONFIRMED");
	}

}
