package io.orderpulse.flashsale.internal;

import java.time.Duration;
import java.time.Instant;

import io.orderpulse.IntegrationTest;
import io.orderpulse.TestApi;
import io.orderpulse.TestApi.Response;
import io.orderpulse.flashsale.AdmissionPort;
import io.orderpulse.flashsale.AdmissionPort.Outcome;
import io.orderpulse.flashsale.FlashSaleAdmitted;
import io.orderpulse.flashsale.FlashSaleShop;
import io.orderpulse.identity.UserSummary;
import io.orderpulse.payment.Payment;
import io.orderpulse.payment.PaymentStatus;
import io.orderpulse.payment.Payments;
import io.orderpulse.payment.SandboxProvider;
import io.orderpulse.realtime.Destinations;
import io.orderpulse.realtime.RawStompSocket;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import static io.orderpulse.flashsale.FlashSaleShop.PROBLEM;
import static io.orderpulse.flashsale.FlashSaleShop.type;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The flash sale's jobs, run directly (as the scheduler does, through ShedLock): the
 * payment timeout, measured against the order's age, and the reconciliation of admissions
 * that never became orders; both return the unit, the buyer's mark and the sold-out flag.
 * Also: a late payment after the timeout is refunded, and a redelivered admission creates
 * one order.
 */
@IntegrationTest
class FlashSaleJobsTests {

	@Autowired
	TestApi api;

	@Autowired
	ApplicationContext context;

	@Autowired
	FlashSaleJobs jobs;

	@Autowired
	AdmissionOrders orders;

	@Autowired
	AdmissionReconciliation reconciliation;

	@Autowired
	FlashSaleSettings settings;

	@Autowired
	AdmissionPort admission;

	@Autowired
	FlashSaleRepository repository;

	@Autowired
	Payments payments;

	@Autowired
	JdbcClient jdbc;

	FlashSaleShop shop;

	@BeforeEach
	void shop() {
		this.shop = new FlashSaleShop(this.context, "Jobs");
	}

	@Test
	void anUnpaidOrderIsCancelledAfterThePaymentTimeoutAndALatePaymentIsRefunded() throws Exception {
		assertThat(this.settings.paymentTimeout()).isEqualTo(Duration.ofMinutes(15));
		long itemId = this.shop.activeItem("Drone", "900.00", "450.00", 1, null);
		String buyer = this.api.tokenFor(this.shop.newBuyer());
		String other = this.api.tokenFor(this.shop.newBuyer());
		long orderId = this.shop.buy(buyer, itemId);
		Response started = this.api.post("/api/v1/orders/" + orderId + "/payments", "{\"method\": \"SANDBOX\"}", buyer);
		Payment payment = this.payments.find(started.json().get("outTradeNo").asString()).orElseThrow();
		assertThat(type(this.shop.attempt(other, itemId))).isEqualTo(PROBLEM + "flash-sale-sold-out");

		age(orderId, this.settings.paymentTimeout().minusMinutes(1));
		this.jobs.cancelUnpaid();
		assertThat(this.shop.orderStatus(buyer, orderId)).as("not yet timed out").isEqualTo("PENDING_PAYMENT");

		try (RawStompSocket updates = RawStompSocket.subscribed(this.api.ws(), buyer, Destinations.ORDER_UPDATES)) {
			age(orderId, this.settings.paymentTimeout().plusMinutes(1));
			this.jobs.cancelUnpaid();

			assertThat(FlashSaleShop.next(updates, "status", "CANCELLED").get("orderId").asLong()).isEqualTo(orderId);
		}
		assertThat(this.shop.orderStatus(buyer, orderId)).isEqualTo("CANCELLED");
		this.shop.awaitRemaining(itemId, 1);
		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.payments.find(payment.outTradeNo()).orElseThrow().status() == PaymentStatus.CLOSED);

		// the buyer pays at the gateway after all: refunded, never honoured
		SandboxProvider sandbox = new SandboxProvider(this.context);
		assertThat(sandbox.confirm(payment).status()).isEqualTo(303);
		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.payments.find(payment.outTradeNo()).orElseThrow().status() == PaymentStatus.REFUNDED);
		assertThat(sandbox.ledger(payment.outTradeNo())).containsExactly("PAY 450.00", "REFUND 450.00");
		assertThat(this.shop.orderStatus(buyer, orderId)).isEqualTo("CANCELLED");
		assertThat(this.shop.remaining(itemId)).as("the unit is not sold twice").isEqualTo(1);
		assertThat(this.shop.attempt(other, itemId).status()).as("mark and sold-out flag cleared").isEqualTo(202);
		assertThat(type(this.shop.attempt(buyer, itemId))).isEqualTo(PROBLEM + "flash-sale-sold-out");
	}

	@Test
	void theTimeoutLeavesOrdinaryAndPaidOrdersAlone() {
		long itemId = this.shop.activeItem("Radio", "60.00", "30.00", 3, 100L);
		UserSummary payer = this.shop.newBuyer();
		this.context.getBean(io.orderpulse.payment.Points.class)
			.grant(payer.id(), payer.orgId(), 100, "jobs-" + payer.id(), "test");
		String buyer = this.api.tokenFor(payer);
		long paid = this.shop.buy(buyer, itemId);
		assertThat(this.api.post("/api/v1/orders/" + paid + "/payments", "{\"method\": \"POINTS\"}", buyer).status())
			.isEqualTo(201);
		this.shop.awaitOrderStatus(buyer, paid, "PAID");

		age(paid, Duration.ofHours(1));
		this.jobs.cancelUnpaid();

		assertThat(this.shop.orderStatus(buyer, paid)).isEqualTo("PAID");
		assertThat(this.shop.remaining(itemId)).isEqualTo(2);
	}

	@Test
	void reconciliationReleasesAnAdmissionThatNeverBecameAnOrder() {
		long itemId = this.shop.activeItem("Console", "500.00", "250.00", 1, null);
		UserSummary crashed = this.shop.newBuyer();
		String other = this.api.tokenFor(this.shop.newBuyer());
		String requestId = "flash-crashed-" + System.nanoTime();
		// the node admits and records the admission, then dies before the order is
		// queued
		assertThat(this.admission.admit(itemId, crashed.id(), Instant.now()).outcome()).isEqualTo(Outcome.ADMITTED);
		assertThat(this.repository.admit(itemId, crashed.id(), requestId)).isTrue();
		assertThat(type(this.shop.attempt(other, itemId))).isEqualTo(PROBLEM + "flash-sale-sold-out");

		this.jobs.reconcile();
		assertThat(purchaseStatus(itemId, crashed.id())).as("within the grace period").isEqualTo("ADMITTED");

		this.jdbc.sql("update flash_sale_purchases set created_at = now() - ? * interval '1 second' where item_id = ?")
			.params(this.settings.reconcileGrace().plusMinutes(1).toSeconds(), itemId)
			.update();
		this.jobs.reconcile();

		assertThat(purchaseStatus(itemId, crashed.id())).isEqualTo("RELEASED");
		assertThat(this.shop.remaining(itemId)).isEqualTo(1);
		String token = this.api.tokenFor(crashed);
		assertThat(this.shop.awaitRequest(token, requestId, "FAILED").get("message").asString())
			.contains("never created");
		assertThat(this.jdbc.sql("select count(*) from orders where request_id = ?")
			.param(requestId)
			.query(Long.class)
			.single()).isZero();
		assertThat(this.shop.attempt(token, itemId).status()).as("the user's mark and the sold-out flag cleared")
			.isEqualTo(202);
		assertThat(type(this.shop.attempt(other, itemId))).isEqualTo(PROBLEM + "flash-sale-sold-out");
	}

	@Test
	void reconciliationReleasesAUnitTakenButNeverRecorded() {
		long itemId = this.shop.activeItem("Camera", "500.00", "250.00", 1, null);
		UserSummary crashed = this.shop.newBuyer();
		String other = this.api.tokenFor(this.shop.newBuyer());
		// the node takes the unit, then dies before it records the admission
		assertThat(this.admission.admit(itemId, crashed.id(), Instant.now()).outcome()).isEqualTo(Outcome.ADMITTED);
		assertThat(type(this.shop.attempt(other, itemId))).isEqualTo(PROBLEM + "flash-sale-sold-out");

		this.reconciliation.reconcile(Instant.now());
		assertThat(this.admission.remaining(itemId)).as("within the grace period").isZero();

		this.reconciliation.reconcile(Instant.now().plus(this.settings.reconcileGrace()).plusSeconds(60));

		assertThat(this.admission.remaining(itemId)).isEqualTo(1);
		assertThat(this.admission.takenBefore(itemId, Instant.MAX)).isEmpty();
		assertThat(this.shop.remaining(itemId)).isEqualTo(1);
		assertThat(this.shop.attempt(this.api.tokenFor(crashed), itemId).status())
			.as("the user's mark and the sold-out flag cleared")
			.isEqualTo(202);
		assertThat(type(this.shop.attempt(other, itemId))).isEqualTo(PROBLEM + "flash-sale-sold-out");
	}

	@Test
	void aRedeliveredAdmissionCreatesOneOrder() {
		long itemId = this.shop.activeItem("Speaker", "100.00", "50.00", 5, null);
		UserSummary buyer = this.shop.newBuyer();
		String requestId = "flash-redelivered-" + System.nanoTime();
		assertThat(this.admission.admit(itemId, buyer.id(), Instant.now()).outcome()).isEqualTo(Outcome.ADMITTED);
		assertThat(this.repository.admit(itemId, buyer.id(), requestId)).isTrue();
		FlashSaleAdmitted message = new FlashSaleAdmitted(itemId, buyer.id(), buyer.orgId(), requestId);

		this.orders.placeOrder(message);
		this.orders.placeOrder(message);

		assertThat(this.jdbc.sql("select count(*) from orders where request_id = ? and buyer_id = ?")
			.params(requestId, buyer.id())
			.query(Long.class)
			.single()).isEqualTo(1);
		assertThat(purchaseStatus(itemId, buyer.id())).isEqualTo("ORDERED");
		assertThat(this.shop.remaining(itemId)).isEqualTo(4);
		assertThat(this.shop.awaitRequest(this.api.tokenFor(buyer), requestId, "COMPLETED").get("orderId").asLong())
			.isPositive();
	}

	private void age(long orderId, Duration age) {
		this.jdbc.sql("update orders set updated_at = now() - ? * interval '1 second' where id = ?")
			.params(age.toSeconds(), orderId)
			.update();
	}

	private String purchaseStatus(long itemId, long userId) {
		return this.jdbc.sql("select status from flash_sale_purchases where item_id = ? and user_id = ?")
			.params(itemId, userId)
			.query(String.class)
			.single();
	}

}
