package io.orderpulse.web;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.orderpulse.Browser;
import io.orderpulse.BrowserTest;
import io.orderpulse.TestApi;
import io.orderpulse.identity.Role;
import io.orderpulse.identity.UserSummary;
import io.orderpulse.payment.Payment;
import io.orderpulse.payment.PaymentMethod;
import io.orderpulse.payment.PaymentRequest;
import io.orderpulse.payment.PaymentStatus;
import io.orderpulse.payment.Payments;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.beans.factory.annotation.Autowired;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The sandbox gateway's pay page in a real browser: a static page that reads the trade
 * from the sandbox as the signed-in buyer and shows its texts as typed (a subject full of
 * markup plants no element and runs no script, under a style policy without inline
 * styles); only the buyer who owns the trade sees it and pays it.
 */
@BrowserTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SandboxPayPageBrowserTests {

	private static final String PAYLOAD = StoredScriptBrowserTests.PAYLOAD;

	private static final AtomicLong orders = new AtomicLong(System.currentTimeMillis() * 1000 + 500);

	@Autowired
	TestApi api;

	@Autowired
	Payments payments;

	private Browser browser;

	private final List<String> problems = Collections.synchronizedList(new ArrayList<>());

	@BeforeAll
	void launchBrowser() throws Exception {
		this.browser = Browser.launch();
	}

	@AfterAll
	void closeBrowser() throws Exception {
		Browser.closeAll(this.browser);
	}

	@Test
	void theBuyerSeesTheTradesTextsAsTypedAndPays() {
		UserSummary buyer = this.api.createUser("Pay Page Org", "payer", Role.BUYER);
		String subject = "Order at Shop " + PAYLOAD;
		Payment payment = payment(buyer, subject);

		Page page = signedIn(buyer, payment.payUrl());
		assertThat(page).hasTitle("Sandbox payment");
		assertThat(page.locator("#subject")).hasText(subject);
		assertThat(page.locator("#amount")).hasText("¥ 35.50");
		assertThat(page.locator("#trade-number")).hasText("Payment " + payment.outTradeNo());
		PlantedMarkup.assertClean(page);

		button(page, "Confirm payment").click();
		assertThat(page.locator("#state")).containsText("Paid (trade S");
		Assertions.assertThat(button(page, "Confirm payment").count()).isZero();
		assertThat(page.locator("#subject")).hasText(subject);
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> Assertions.assertThat(this.payments.find(payment.outTradeNo()).orElseThrow().status())
				.isEqualTo(PaymentStatus.PAID));
		PlantedMarkup.assertClean(page);
		Assertions.assertThat(this.problems).as("console errors and page errors").isEmpty();
	}

	@Test
	void anotherUserOrATabWithoutSessionSeesNothingOfTheTrade() {
		UserSummary buyer = this.api.createUser("Pay Page Org", "payer", Role.BUYER);
		UserSummary stranger = this.api.createUser("Pay Page Org", "stranger", Role.BUYER);
		Payment payment = payment(buyer, "Secret order " + PAYLOAD);

		Page strangers = signedIn(stranger, payment.payUrl());
		assertThat(strangers.locator("#error")).containsText("The sandbox knows no payment with this number");
		assertThat(strangers.locator("body")).not().containsText("Secret order");
		Assertions.assertThat(button(strangers, "Confirm payment").count()).isZero();
		PlantedMarkup.assertClean(strangers);

		Page anonymous = this.browser.newPage();
		PlantedMarkup.watch(anonymous, this.problems);
		anonymous.navigate(this.api.uri(payment.payUrl()).toString());
		assertThat(anonymous.locator("#error")).containsText("Sign in");
		assertThat(anonymous.locator("body")).not().containsText("Secret order");
		PlantedMarkup.assertClean(anonymous);

		Assertions.assertThat(this.payments.find(payment.outTradeNo()).orElseThrow().status())
			.isEqualTo(PaymentStatus.PENDING);
	}

	private Payment payment(UserSummary buyer, String subject) {
		return this.payments.create(new PaymentRequest(orders.incrementAndGet(), buyer.id(), buyer.orgId(),
				new BigDecimal("35.50"), subject), PaymentMethod.SANDBOX);
	}

	private Page signedIn(UserSummary user, String path) {
		Page tab = this.browser.signedInWithoutSocket(this.api, user.username(), "/");
		PlantedMarkup.watch(tab, this.problems);
		tab.navigate(this.api.uri(path).toString());
		return tab;
	}

	private static Locator button(Page page, String name) {
		return page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(name).setExact(true));
	}

}
