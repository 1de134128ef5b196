package io.orderpulse.payment;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
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
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

/**
 * The payment API of other modules (create, refund, close) and the buyer's view of a
 * payment.
 */
@IntegrationTest
class PaymentTests {

	@Autowired
	Payments payments;

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
	void anOrderHasOnePendingPaymentHoweverOftenItIsAskedFor() throws Exception {
		PaymentRequest request = this.sandbox.request("18.00");

		Payment first = this.payments.create(request, PaymentMethod.SANDBOX);
		Payment again = this.payments.create(request, PaymentMethod.SANDBOX);
		List<Payment> concurrent = concurrently(10,
				() -> this.payments.create(this.sandbox.request("5.00"), PaymentMethod.SANDBOX));

		assertThat(again).isEqualTo(first);
		assertThat(first.amount()).isEqualTo(new BigDecimal("18.00"));
		assertThat(this.payments.findForOrder(request.orderId())).containsExactly(first);
		// concurrent creates for one order (each run builds a new order, so make them
		// share one)
		PaymentRequest shared = this.sandbox.request("7.00");
		Set<String> numbers = new HashSet<>();
		for (Payment payment : concurrently(10, () -> this.payments.create(shared, PaymentMethod.SANDBOX))) {
			numbers.add(payment.outTradeNo());
		}
		assertThat(numbers).hasSize(1);
		assertThat(this.payments.findForOrder(shared.orderId())).hasSize(1);
		assertThat(concurrent).extracting(Payment::outTradeNo).doesNotHaveDuplicates();
	}

	@Test
	void aPaidOrderIsAlreadyPaid() {
		PaymentRequest request = this.sandbox.request("18.00");
		Payment payment = this.payments.create(request, PaymentMethod.SANDBOX);
		paid(payment);

		AlreadyPaid problem = catchThrowableOfType(AlreadyPaid.class,
				() -> this.payments.create(request, PaymentMethod.SANDBOX));

		assertThat(problem.getStatusCode().value()).isEqualTo(409);
		assertThat(problem.getBody().getType()).hasToString("urn:orderpulse:problem:already-paid");
		assertThat(problem.outTradeNo()).isEqualTo(payment.outTradeNo());
		assertThat(this.payments.findForOrder(request.orderId())).hasSize(1);
	}

	@Test
	void rejectsAmountsAndSubjectsOutOfRange() {
		var buyer = this.sandbox.buyer();
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new PaymentRequest(1, buyer.id(), buyer.orgId(), BigDecimal.ZERO, "x"));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new PaymentRequest(1, buyer.id(), buyer.orgId(), new BigDecimal("1.001"), "x"));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new PaymentRequest(1, buyer.id(), buyer.orgId(), BigDecimal.ONE, " "));
		assertThat(new PaymentRequest(1, buyer.id(), buyer.orgId(), new BigDecimal("3"), "x").amount())
			.isEqualTo(new BigDecimal("3.00"));
	}

	@Test
	void refundsAPaidPaymentOnce() {
		Payment payment = paid(this.sandbox.newPayment("42.00"));

		Payment refunded = this.payments.refund(payment.outTradeNo(), "merchant rejected the order");
		Payment again = this.payments.refund(payment.outTradeNo(), "asked twice");

		assertThat(refunded.status()).isEqualTo(PaymentStatus.REFUNDED);
		assertThat(refunded.refundedAt()).isNotNull();
		assertThat(again).isEqualTo(refunded);
		assertThat(this.sandbox.ledger(payment.outTradeNo())).containsExactly("PAY 42.00", "REFUND 42.00");
		assertThat(this.events.refunded(payment.outTradeNo())).containsExactly(new PaymentRefunded(payment.outTradeNo(),
				payment.orderId(), payment.buyerId(), payment.amount(), "merchant rejected the order"));
		assertThat(this.sandbox.details(payment).json().get("state").asString()).isEqualTo("REFUNDED");
	}

	@Test
	void concurrentRefundsRefundOnce() throws Exception {
		Payment payment = paid(this.sandbox.newPayment("42.00"));

		List<Payment> results = concurrently(10, () -> this.payments.refund(payment.outTradeNo(), "refund"));

		assertThat(results).extracting(Payment::status).containsOnly(PaymentStatus.REFUNDED);
		assertThat(results).extracting(Payment::refundedAt).containsOnly(results.get(0).refundedAt());
		assertThat(this.sandbox.ledger(payment.outTradeNo())).containsExactly("PAY 42.00", "REFUND 42.00");
		assertThat(this.events.refunded(payment.outTradeNo())).hasSize(1);
	}

	@Test
	void refundingAPendingPaymentClosesIt() {
		Payment payment = this.sandbox.newPayment("9.90");

		Payment closed = this.payments.refund(payment.outTradeNo(), "changed my mind");

		assertThat(closed.status()).isEqualTo(PaymentStatus.CLOSED);
		assertThat(closed.refundedAt()).isNull();
		assertThat(this.sandbox.ledger(payment.outTradeNo())).isEmpty();
		assertThat(this.events.refunded(payment.outTradeNo())).isEmpty();
	}

	@Test
	void aPaymentArrivingAfterItWasClosedIsRefundedAtOnce() {
		PaymentRequest request = this.sandbox.request("66.00");
		Payment payment = this.payments.create(request, PaymentMethod.SANDBOX);
		this.payments.close(payment.outTradeNo());
		assertThat(this.sandbox.status(payment.outTradeNo())).isEqualTo(PaymentStatus.CLOSED);

		// the buyer still pays at the provider: its notify arrives late
		assertThat(this.sandbox.confirm(payment).status()).isEqualTo(303);

		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(
					() -> assertThat(this.sandbox.status(payment.outTradeNo())).isEqualTo(PaymentStatus.REFUNDED));
		Payment refunded = this.payments.find(payment.outTradeNo()).orElseThrow();
		assertThat(refunded.paidAt()).isNotNull();
		assertThat(refunded.refundedAt()).isEqualTo(refunded.paidAt());
		assertThat(this.sandbox.ledger(payment.outTradeNo())).containsExactly("PAY 66.00", "REFUND 66.00");
		assertThat(this.events.refunded(payment.outTradeNo())).containsExactly(new PaymentRefunded(payment.outTradeNo(),
				payment.orderId(), payment.buyerId(), payment.amount(), "order closed"));
		assertThat(this.events.succeeded(payment.outTradeNo())).isEmpty();
		// a repeated late notify changes nothing
		assertThat(this.sandbox.post(this.sandbox.signed(this.sandbox.notify(payment))).body()).isEqualTo("success");
		assertThat(this.sandbox.ledger(payment.outTradeNo())).hasSize(2);
		assertThat(this.events.refunded(payment.outTradeNo())).hasSize(1);
		// the order may be paid anew
		Payment next = this.payments.create(request, PaymentMethod.SANDBOX);
		assertThat(next.outTradeNo()).isNotEqualTo(payment.outTradeNo());
		assertThat(next.status()).isEqualTo(PaymentStatus.PENDING);
	}

	@Test
	void closingLeavesAPaidPaymentAsItIs() {
		Payment payment = paid(this.sandbox.newPayment("8.00"));

		this.payments.close(payment.outTradeNo());

		assertThat(this.sandbox.status(payment.outTradeNo())).isEqualTo(PaymentStatus.PAID);
	}

	@Test
	void unknownPaymentsCannotBeRefundedOrClosed() {
		assertThat(this.payments.find("P20990101NONE000000000000")).isEmpty();
		assertThat(catchThrowableOfType(PaymentNotFound.class,
				() -> this.payments.refund("P20990101NONE000000000000", "refund"))
			.getStatusCode()
			.value()).isEqualTo(404);
		assertThat(catchThrowableOfType(PaymentNotFound.class, () -> this.payments.close("P20990101NONE000000000000")))
			.isNotNull();
	}

	@Test
	void theBuyerSeesTheirPaymentAndNobodyElseDoes() {
		Payment payment = this.sandbox.newPayment("15.00");

		Response own = this.api.get("/api/v1/payments/" + payment.outTradeNo(),
				this.api.tokenFor(this.sandbox.buyer()));
		Response other = this.api.get("/api/v1/payments/" + payment.outTradeNo(),
				this.api.tokenFor(this.sandbox.colleague("other", Role.BUYER)));
		Response admin = this.api.get("/api/v1/payments/" + payment.outTradeNo(),
				this.api.tokenFor(this.sandbox.colleague("admin", Role.ADMIN)));
		Response anonymous = this.api.get("/api/v1/payments/" + payment.outTradeNo(), null);

		assertThat(own.status()).isEqualTo(200);
		assertThat(own.json().get("outTradeNo").asString()).isEqualTo(payment.outTradeNo());
		assertThat(own.json().get("status").asString()).isEqualTo("PENDING");
		assertThat(own.json().get("method").asString()).isEqualTo("SANDBOX");
		assertThat(own.body()).contains("\"amount\":15.00");
		assertThat(own.json().get("payUrl").asString()).isEqualTo(payment.payUrl());
		assertThat(other.status()).isEqualTo(404);
		assertThat(other.json().get("type").asString()).isEqualTo("urn:orderpulse:problem:payment-not-found");
		assertThat(admin.status()).isEqualTo(404);
		assertThat(anonymous.status()).isEqualTo(401);
	}

	private Payment paid(Payment payment) {
		assertThat(this.sandbox.post(this.sandbox.signed(this.sandbox.notify(payment))).body()).isEqualTo("success");
		Payment paid = this.payments.find(payment.outTradeNo()).orElseThrow();
		assertThat(paid.status()).isEqualTo(PaymentStatus.PAID);
		return paid;
	}

	private static <T> List<T> concurrently(int times, Callable<T> task) throws Exception {
		CountDownLatch ready = new CountDownLatch(times);
		CountDownLatch go = new CountDownLatch(1);
		List<Future<T>> futures = new ArrayList<>();
		try (ExecutorService pool = Executors.newFixedThreadPool(times)) {
			for (int i = 0; i < times; i++) {
				futures.add(pool.submit(() -> {
					ready.countDown();
					go.await();
					return task.call();
				}));
			}
			assertThat(ready.await(30, TimeUnit.SECONDS)).isTrue();
			go.countDown();
			List<T> results = new ArrayList<>();
			for (Future<T> future : futures) {
				results.add(future.get(60, TimeUnit.SECONDS));
			}
			return results;
		}
	}

}
