package io.orderpulse.payment;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.orderpulse.IntegrationTest;
import io.orderpulse.TestApi;
import io.orderpulse.TestApi.Response;
import io.orderpulse.identity.Role;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The sandbox gateway's notifies, over real HTTP: the buyer confirms on the pay page and
 * the sandbox reports the payment; forged, misdirected and wrong notifies are refused;
 * repeated ones change nothing.
 */
@IntegrationTest
class PaymentNotifyTests {

	@Autowired
	TestApi api;

	@Autowired
	ApplicationContext context;

	@Autowired
	PaymentEventLog events;

	SandboxProvider sandbox;

	@BeforeEach
	void sandbox() {
		this.sandbox = new SandboxProvider(this.context);
	}

	@Test
	void confirmingOnThePayPageMarksThePaymentPaidOnce() {
		Payment payment = this.sandbox.newPayment("35.50");
		assertThat(payment.status()).isEqualTo(PaymentStatus.PENDING);
		assertThat(payment.payUrl()).isEqualTo("/sandbox/pay/" + payment.outTradeNo());
		assertThat(payment.outTradeNo()).matches("P\\d{8}[0-9A-Z]{16}");

		Response page = this.api.get(payment.payUrl(), null);
		assertThat(page.status()).isEqualTo(200);
		assertThat(page.contentType()).startsWith("text/html");
		assertThat(page.body()).contains("<script src=\"/js/sandbox-pay.js\"></script>")
			.as("the page is static: it shows the trade only to its buyer, read with their token")
			.doesNotContain("35.50", "Order at Demo Shop", payment.outTradeNo());
		Response details = this.sandbox.details(payment);
		assertThat(details.status()).as(details.toString()).isEqualTo(200);
		assertThat(details.json().get("outTradeNo").asString()).isEqualTo(payment.outTradeNo());
		assertThat(details.json().get("subject").asString()).isEqualTo("Order at Demo Shop");
		assertThat(details.json().get("amount").asString()).isEqualTo("35.50");
		assertThat(details.json().get("state").asString()).isEqualTo("OPEN");
		assertThat(details.json().get("tradeNo").isNull()).isTrue();

		Response confirmed = this.sandbox.confirm(payment);
		assertThat(confirmed.status()).isEqualTo(303);
		assertThat(confirmed.headers().firstValue("Location")).contains(payment.payUrl());

		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(this.sandbox.status(payment.outTradeNo())).isEqualTo(PaymentStatus.PAID));
		Payment paid = this.sandbox.payments().find(payment.outTradeNo()).orElseThrow();
		assertThat(paid.paidAt()).isNotNull();
		assertThat(paid.refundedAt()).isNull();
		assertThat(this.sandbox.ledger(payment.outTradeNo())).containsExactly("PAY 35.50");
		assertThat(this.events.succeeded(payment.outTradeNo())).containsExactly(new PaymentSucceeded(
				payment.outTradeNo(), payment.orderId(), payment.buyerId(), new BigDecimal("35.50"), paid.paidAt()));
		Response settled = this.sandbox.details(payment);
		assertThat(settled.json().get("state").asString()).isEqualTo("SETTLED");
		assertThat(settled.json().get("tradeNo").asString()).matches("S\\d{20}");

		// confirming again settles nothing twice
		assertThat(this.sandbox.confirm(payment).status()).isEqualTo(303);
		assertThat(this.sandbox.ledger(payment.outTradeNo())).containsExactly("PAY 35.50");
		assertThat(this.events.succeeded(payment.outTradeNo())).hasSize(1);
	}

	@Test
	void onlyTheBuyerWhoOwnsTheTradeConfirmsIt() {
		Payment payment = this.sandbox.newPayment("21.00");
		String confirm = payment.payUrl() + "/confirm";

		Response anonymous = this.api.post(confirm, null, null);
		assertThat(anonymous.status()).as(anonymous.toString()).isEqualTo(401);
		assertThat(anonymous.contentType()).startsWith("application/problem+json");

		String stranger = this.api.tokenFor(this.api.createUser("Stranger Org", "stranger", Role.BUYER));
		String colleague = this.api.tokenFor(this.sandbox.colleague("colleague", Role.BUYER));
		for (String other : List.of(stranger, colleague)) {
			Response refused = this.api.post(confirm, null, other);
			assertThat(refused.status()).as(refused.toString()).isEqualTo(404);
			assertThat(refused.contentType()).startsWith("application/problem+json");
		}
		assertThat(this.sandbox.status(payment.outTradeNo())).isEqualTo(PaymentStatus.PENDING);
		assertThat(this.sandbox.ledger(payment.outTradeNo())).isEmpty();

		// nor does anyone else read what the buyer pays for
		String details = payment.payUrl() + "/trade";
		Response unsigned = this.api.get(details, null);
		assertThat(unsigned.status()).as(unsigned.toString()).isEqualTo(401);
		assertThat(unsigned.contentType()).startsWith("application/problem+json");
		for (String other : List.of(stranger, colleague)) {
			Response refused = this.api.get(details, other);
			assertThat(refused.status()).as(refused.toString()).isEqualTo(404);
			assertThat(refused.contentType()).startsWith("application/problem+json");
			assertThat(refused.body()).doesNotContain("21.00", "Order at Demo Shop");
		}
		assertThat(this.sandbox.details(payment).status()).as("the buyer who owns it").isEqualTo(200);

		assertThat(this.sandbox.confirm(payment).status()).as("the buyer who owns it").isEqualTo(303);
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(this.sandbox.status(payment.outTradeNo())).isEqualTo(PaymentStatus.PAID));
	}

	@Test
	void anUnknownPayPageIsNotFound() {
		assertThat(this.api.get("/sandbox/pay/P20990101AAAAAAAAAAAAAAAA", null).status()).isEqualTo(404);
		assertThat(this.api.get("/sandbox/pay/P20990101AAAAAAAAAAAAAAAA/trade", this.api.tokenFor(this.sandbox.buyer()))
			.status()).isEqualTo(404);
		Response confirm = this.api.post("/sandbox/pay/P20990101AAAAAAAAAAAAAAAA/confirm", null,
				this.api.tokenFor(this.sandbox.buyer()));
		assertThat(confirm.status()).isEqualTo(404);
		assertThat(confirm.json().get("type").asString()).isEqualTo("urn:orderpulse:problem:payment-not-found");
	}

	@Test
	void refusesANotifySignedWithAnotherKey() {
		Payment payment = this.sandbox.newPayment("12.00");

		Response answer = this.sandbox.post(this.sandbox.forged(this.sandbox.notify(payment)));

		assertRefused(answer, payment);
	}

	@Test
	void refusesANotifyWithoutSignatureOrWithAChangedParameter() {
		Payment payment = this.sandbox.newPayment("12.00");
		Map<String, String> signed = this.sandbox.signed(this.sandbox.notify(payment));
		Map<String, String> unsigned = new LinkedHashMap<>(signed);
		unsigned.remove("sign");
		Map<String, String> tampered = new LinkedHashMap<>(signed);
		tampered.put("trade_no", "T-someone-else");
		Map<String, String> garbled = new LinkedHashMap<>(signed);
		garbled.put("sign", "not base64!");

		assertRefused(this.sandbox.post(unsigned), payment);
		assertRefused(this.sandbox.post(tampered), payment);
		assertRefused(this.sandbox.post(garbled), payment);
	}

	@Test
	void refusesANotifyWithAnotherAmount() {
		Payment payment = this.sandbox.newPayment("12.00");
		Map<String, String> parameters = this.sandbox.notify(payment);
		parameters.put("total_amount", "12.01");
		Map<String, String> lower = this.sandbox.notify(payment);
		lower.put("total_amount", "1.00");

		assertRefused(this.sandbox.post(this.sandbox.signed(parameters)), payment);
		assertRefused(this.sandbox.post(this.sandbox.signed(lower)), payment);
	}

	@Test
	void refusesANotifyForAnotherAppId() {
		Payment payment = this.sandbox.newPayment("12.00");
		Map<String, String> parameters = this.sandbox.notify(payment);
		parameters.put("app_id", "another-app");

		assertRefused(this.sandbox.post(this.sandbox.signed(parameters)), payment);
	}

	@Test
	void refusesANotifyForAnUnknownTrade() {
		Payment payment = this.sandbox.newPayment("12.00");
		Map<String, String> parameters = this.sandbox.notify(payment);
		parameters.put("out_trade_no", "P20990101UNKNOWN000000000");

		assertRefused(this.sandbox.post(this.sandbox.signed(parameters)), payment);
	}

	@Test
	void aRepeatedNotifyChangesNothingAndIsStillAcknowledged() {
		Payment payment = this.sandbox.newPayment("20.00");
		Map<String, String> notify = this.sandbox.signed(this.sandbox.notify(payment));

		Response first = this.sandbox.post(notify);
		Payment paid = this.sandbox.payments().find(payment.outTradeNo()).orElseThrow();
		Response second = this.sandbox.post(notify);

		assertThat(first.status()).isEqualTo(200);
		assertThat(first.body()).isEqualTo("success");
		assertThat(first.contentType()).startsWith("text/plain");
		assertThat(second.status()).isEqualTo(200);
		assertThat(second.body()).isEqualTo("success");
		assertThat(this.sandbox.payments().find(payment.outTradeNo())).contains(paid);
		assertThat(paid.status()).isEqualTo(PaymentStatus.PAID);
		assertThat(this.sandbox.ledger(payment.outTradeNo())).containsExactly("PAY 20.00");
		assertThat(this.events.succeeded(payment.outTradeNo())).hasSize(1);
	}

	@Test
	void tenConcurrentCopiesOfANotifyRecordOnePayment() throws Exception {
		Payment payment = this.sandbox.newPayment("99.99");
		Map<String, String> notify = this.sandbox.signed(this.sandbox.notify(payment));
		int copies = 10;
		CountDownLatch ready = new CountDownLatch(copies);
		CountDownLatch go = new CountDownLatch(1);
		List<Future<Response>> answers = new ArrayList<>();
		try (ExecutorService pool = Executors.newFixedThreadPool(copies)) {
			for (int i = 0; i < copies; i++) {
				answers.add(pool.submit(() -> {
					ready.countDown();
					go.await();
					return this.sandbox.post(notify);
				}));
			}
			assertThat(ready.await(30, TimeUnit.SECONDS)).isTrue();
			go.countDown();
			for (Future<Response> answer : answers) {
				Response response = answer.get(60, TimeUnit.SECONDS);
				assertThat(response.status()).isEqualTo(200);
				assertThat(response.body()).isEqualTo("success");
			}
		}
		assertThat(this.sandbox.status(payment.outTradeNo())).isEqualTo(PaymentStatus.PAID);
		assertThat(this.sandbox.ledger(payment.outTradeNo())).containsExactly("PAY 99.99");
		assertThat(this.events.succeeded(payment.outTradeNo())).hasSize(1);
	}

	private void assertRefused(Response answer, Payment payment) {
		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.body()).isEqualTo("failure");
		assertThat(this.sandbox.payments().find(payment.outTradeNo())).contains(payment);
		assertThat(this.sandbox.ledger(payment.outTradeNo())).isEmpty();
		assertThat(this.events.succeeded(payment.outTradeNo())).isEmpty();
	}

}
