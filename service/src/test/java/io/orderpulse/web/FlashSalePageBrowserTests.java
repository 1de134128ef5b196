package io.orderpulse.web;

import java.time.Instant;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.orderpulse.Browser;
import io.orderpulse.BrowserTest;
import io.orderpulse.TestApi;
import io.orderpulse.TestApi.Response;
import io.orderpulse.catalog.Catalog;
import io.orderpulse.catalog.Products;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.beans.factory.annotation.Autowired;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

/**
 * Alice and bob on the flash-sale page in two separate browsers: alice buys the only unit
 * and sees her order arrive without a reload, bob's page shows it sold out live and his
 * attempt answers "sold out"; alice pays with points.
 */
@BrowserTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FlashSalePageBrowserTests {

	@Autowired
	TestApi api;

	@Autowired
	Products products;

	@Autowired
	Catalog catalog;

	private Browser aliceBrowser;

	private Browser bobBrowser;

	@BeforeAll
	void launchBrowsers() throws Exception {
		this.aliceBrowser = Browser.launch();
		this.bobBrowser = Browser.launch();
	}

	@AfterAll
	void closeBrowsers() throws Exception {
		Browser.closeAll(this.aliceBrowser, this.bobBrowser);
	}

	@Test
	void aliceBuysTheLastUnitLiveAndBobSeesItSoldOut() {
		String name = "Golden Dumpling " + Long.toString(System.nanoTime(), 36);
		long itemId = stockOneItem(name);
		Page alice = this.aliceBrowser.signedIn(this.api, "alice", "/flashsale.html");
		Page bob = this.bobBrowser.signedIn(this.api, "bob", "/flashsale.html");
		Locator aliceRow = alice.locator("#items tr[data-item=\"" + itemId + "\"]");
		Locator bobRow = bob.locator("#items tr[data-item=\"" + itemId + "\"]");
		assertThat(aliceRow.locator(".remaining")).hasText("1 / 1");
		assertThat(aliceRow.locator(".time")).containsText("ends in");

		buy(aliceRow, name);

		assertThat(aliceRow.locator(".result")).containsText("Success: order");
		assertThat(bobRow.locator(".remaining")).hasText("Sold out");
		buy(bobRow, name);
		assertThat(bobRow.locator(".result")).hasText("Sold out (已售罄)");

		long points = Long.parseLong(alice.locator("#points").textContent());
		button(aliceRow, "Pay with points").click();
		assertThat(aliceRow.locator(".result")).containsText("Paid");
		assertThat(alice.locator("#points")).hasText(Long.toString(points - 300));
	}

	private long stockOneItem(String name) {
		long shopId = this.products.list(this.api.user("alice").orgId(), null, null, 0, 1).items().get(0).shopId();
		long productId = this.catalog.addProduct(shopId, name, new java.math.BigDecimal("12.00"), 10);
		Instant now = Instant.now();
		Response created = this.api.post("/api/v1/admin/flash-sales", """
				{"name": "Lunch rush", "startTime": "%s", "endTime": "%s",
				 "items": [{"productId": %d, "flashPrice": 3.00, "stock": 1, "pointsPrice": 300}]}
				""".formatted(now.minusSeconds(60), now.plusSeconds(3600), productId), this.api.tokenFor("admin"));
		org.assertj.core.api.Assertions.assertThat(created.status()).as(created.body()).isEqualTo(201);
		return created.json().get("items").get(0).get("itemId").asLong();
	}

	private void buy(Locator row, String name) {
		row.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Buy " + name).setExact(true)).click();
	}

	private static Locator button(Locator scope, String name) {
		return scope.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName(name).setExact(true));
	}

}
