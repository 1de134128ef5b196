package io.orderpulse.flashsale;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.orderpulse.IntegrationTest;
import io.orderpulse.TestApi;
import io.orderpulse.TestApi.Response;
import io.orderpulse.identity.UserSummary;
import io.orderpulse.payment.Payment;
import io.orderpulse.payment.Payments;
import io.orderpulse.payment.Points;
import io.orderpulse.payment.SandboxProvider;
import io.orderpulse.realtime.Destinations;
import io.orderpulse.realtime.RawStompSocket;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import static io.orderpulse.flashsale.FlashSaleShop.PROBLEM;
import static io.orderpulse.flashsale.FlashSaleShop.type;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Paying flash-sale orders with points or the sandbox gateway, and refunding them: points
 * move once per payment and kind, a refund returns the unit, the buyer's mark and the
 * sold-out flag, and nothing is refunded twice.
 */
@IntegrationTest
class FlashSalePaymentTests {

	@Autowired
	TestApi api;

	@Autowired
	ApplicationContext context;

	@Autowired
	Points points;

	@Autowired
	Payments payments;

	@Autowired
	JdbcClient jdbc;

	FlashSaleShop shop;

	SandboxProvider sandbox;

	@BeforeEach
	void shop() {
		this.shop = new FlashSaleShop(this.context, "Points");
		this.sandbox = new SandboxProvider(this.context);
	}

	@Test
	void pointsPayAFlashSaleOrderOnceAndAtomically() {
		long itemId = this.shop.activeItem("Rice cooker", "80.00", "40.00", 5, 300L);
		String buyer = buyerWithPoints(1000);
		long orderId = this.shop.buy(buyer, itemId);

		Response paid = pay(buyer, orderId, "POINTS");

		assertThat(paid.status()).as(paid.body()).isEqualTo(201);
		assertThat(paid.json().get("status").asString()).isEqualTo("PAID");
		assertThat(paid.json().get("method").asString()).isEqualTo("POINTS");
		assertThat(paid.json().get("points").asLong()).isEqualTo(300);
		this.shop.awaitOrderStatus(buyer, orderId, "PAID");
		JsonNode account = this.api.get("/api/v1/points/me", buyer).json();
		assertThat(account.get("balance").asLong()).isEqualTo(700);
		assertThat(account.get("entries").get(0).get("type").asString()).isEqualTo("PAY");
		assertThat(account.get("entries").get(0).get("amount").asLong()).isEqualTo(-300);
		assertThat(account.get("entries").get(0).get("balanceAfter").asLong()).isEqualTo(700);

		Response again = pay(buyer, orderId, "POINTS");
		assertThat(again.status()).isEqualTo(409);
		assertThat(balance(buyer)).as("a repeated pay moves no points").isEqualTo(700);
	}

	@Test
	void insufficientPointsTakeNothing() {
		long itemId = this.shop.activeItem("Blender", "60.00", "30.00", 5, 300L);
		String buyer = buyerWithPoints(299);
		long orderId = this.shop.buy(buyer, itemId);

		Response refused = pay(buyer, orderId, "POINTS");

		assertThat(refused.status()).isEqualTo(409);
		assertThat(type(refused)).isEqualTo(PROBLEM + "insufficient-points");
		assertThat(refused.json().get("required").asLong()).isEqualTo(300);
		assertThat(balance(buyer)).isEqualTo(299);
		assertThat(this.payments.findForOrder(orderId)).isEmpty();
		assertThat(this.shop.orderStatus(buyer, orderId)).isEqualTo("PENDING_PAYMENT");
	}

	@Test
	void anOrderWithoutAPointsPriceIsNotPayableWithPoints() {
		long itemId = this.shop.activeItem("Toaster", "50.00", "25.00", 5, null);
		String buyer = buyerWithPoints(100_000);
		long orderId = this.shop.buy(buyer, itemId);

		Response refused = pay(buyer, orderId, "POINTS");

		assertThat(refused.status()).isEqualTo(409);
		assertThat(type(refused)).isEqualTo(PROBLEM + "points-not-accepted");
		assertThat(balance(buyer)).isEqualTo(100_000);
	}

	@Test
	void concurrentPaymentsNeverSpendTheSamePointsTwice() throws Exception {
		String buyer = buyerWithPoints(500);
		List<Long> orders = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			orders.add(this.shop.buy(buyer, this.shop.activeItem("Mug " + i, "20.00", "10.00", 3, 300L)));
		}

		List<Response> answers = concurrently(
				orders.stream().<Callable<Response>>map((orderId) -> () -> pay(buyer, orderId, "POINTS")).toList());

		assertThat(answers.stream().map(Response::status)).containsOnlyOnce(201).containsOnly(201, 409);
		assertThat(balance(buyer)).isEqualTo(200);
	}

	@Test
	void refundingAPointsOrderReturnsThePointsTheUnitTheMarkAndTheFlagOnce() throws Exception {
		long itemId = this.shop.activeItem("Scooter", "300.00", "150.00", 1, 800L);
		UserSummary buyerUser = this.shop.newBuyer();
		this.points.grant(buyerUser.id(), buyerUser.orgId(), 1000, "test-" + buyerUser.id(), "test");
		String buyer = this.api.tokenFor(buyerUser);
		String other = this.api.tokenFor(this.shop.newBuyer());
		long orderId = this.shop.buy(buyer, itemId);
		assertThat(pay(buyer, orderId, "POINTS").status()).isEqualTo(201);
		this.shop.awaitOrderStatus(buyer, orderId, "PAID");
		assertThat(type(this.shop.attempt(other, itemId))).isEqualTo(PROBLEM + "flash-sale-sold-out");

		try (RawStompSocket updates = RawStompSocket.subscribed(this.api.ws(), buyer, Destinations.ORDER_UPDATES);
				RawStompSocket alerts = RawStompSocket.subscribed(this.api.ws(), this.shop.tenant().merchant(),
						Destinations.ALERTS)) {
			Response refunded = refund(buyer, orderId, "{\"reason\": \"changed my mind\"}");

			assertThat(refunded.status()).as(refunded.body()).isEqualTo(200);
			assertThat(refunded.json().get("order").get("status").asString()).isEqualTo("REFUNDED");
			assertThat(refunded.json().get("payment").get("status").asString()).isEqualTo("REFUNDED");
			assertThat(FlashSaleShop.next(updates, "status", "REFUNDED").get("orderId").asLong()).isEqualTo(orderId);
			JsonNode alert = FlashSaleShop.next(alerts, "announcement", "订单已退款");
			assertThat(alert.get("type").asInt()).isEqualTo(3);
			assertThat(alert.get("orderId").asLong()).isEqualTo(orderId);
		}
		assertThat(balance(buyer)).isEqualTo(1000);
		this.shop.awaitRemaining(itemId, 1);

		Response again = refund(buyer, orderId, "{\"reason\": \"again\"}");
		assertThat(again.status()).isEqualTo(200);
		assertThat(again.json().get("payment").get("outTradeNo").asString())
			.isEqualTo(this.payments.findForOrder(orderId).get(0).outTradeNo());
		assertThat(balance(buyer)).as("a second refund moves no points").isEqualTo(1000);
		assertThat(this.jdbc.sql("""
				select count(*) from points_ledger l join payments p on p.out_trade_no = l.out_trade_no
				where p.order_id = ? and l.type = 'REFUND'
				""").param(orderId).query(Long.class).single()).isEqualTo(1);
		assertThat(this.shop.attempt(other, itemId).status()).as("sold-out flag cleared").isEqualTo(202);
		assertThat(this.shop.attempt(buyer, itemId).status()).as("sold out again").isEqualTo(409);
	}

	@Test
	void refundingASandboxOrderRefundsTheGatewayPaymentOnceAndNoMoreThanPaid() throws Exception {
		long itemId = this.shop.activeItem("Kettle", "90.00", "45.00", 1, null);
		String buyer = this.api.tokenFor(this.shop.newBuyer());
		long orderId = this.shop.buy(buyer, itemId);
		Payment payment = paidWithTheSandbox(buyer, orderId);

		Response tooMuch = refund(buyer, orderId, "{\"reason\": \"broken\", \"amount\": 45.01}");
		assertThat(tooMuch.status()).isEqualTo(409);
		assertThat(type(tooMuch)).isEqualTo(PROBLEM + "refund-exceeds-payment");
		assertThat(tooMuch.json().get("field").asString()).isEqualTo("amount");
		assertThat(this.shop.orderStatus(buyer, orderId)).isEqualTo("PAID");
		assertThat(this.sandbox.ledger(payment.outTradeNo())).containsExactly("PAY 45.00");
		assertThat(refund(buyer, orderId, "{\"reason\": \" \"}").status()).isEqualTo(400);
		assertThat(refund(buyer, orderId, "{\"reason\": \"x\", \"amount\": 0}").status()).isEqualTo(400);

		List<Response> answers = concurrently(
				Collections.nCopies(4, () -> refund(buyer, orderId, "{\"reason\": \"broken\"}")));

		assertThat(answers).allSatisfy((answer) -> assertThat(answer.status()).as(answer.body()).isEqualTo(200));
		assertThat(this.sandbox.ledger(payment.outTradeNo())).containsExactly("PAY 45.00", "REFUND 45.00");
		assertThat(this.shop.orderStatus(buyer, orderId)).isEqualTo("REFUNDED");
		this.shop.awaitRemaining(itemId, 1);
	}

	@Test
	void theMerchantRefundsAConfirmedOrderInPartAndOthersCannot() {
		long itemId = this.shop.activeItem("Lamp", "40.00", "20.00", 2, null);
		String buyer = this.api.tokenFor(this.shop.newBuyer());
		long orderId = this.shop.buy(buyer, itemId);
		assertThat(refund(buyer, orderId, "{\"reason\": \"not paid yet\"}").status()).isEqualTo(409);
		Payment payment = paidWithTheSandbox(buyer, orderId);
		String merchant = this.shop.tenant().merchant();
		assertThat(this.api.post("/api/v1/merchant/orders/" + orderId + "/confirm", null, merchant).status())
			.isEqualTo(200);
		assertThat(refund(buyer, orderId, "{\"reason\": \"too late\"}").status())
			.as("the buyer refunds PAID orders only")
			.isEqualTo(409);
		FlashSaleShop foreign = new FlashSaleShop(this.context, "Foreign");
		assertThat(refund(foreign.tenant().merchant(), orderId, "{\"reason\": \"not mine\"}").status()).isEqualTo(404);
		assertThat(refund(foreign.tenant().buyer(), orderId, "{\"reason\": \"not mine\"}").status()).isEqualTo(404);

		Response refunded = refund(merchant, orderId, "{\"reason\": \"out of stock\", \"amount\": 12.50}");

		assertThat(refunded.status()).as(refunded.body()).isEqualTo(200);
		assertThat(refunded.json().get("order").get("status").asString()).isEqualTo("REFUNDED");
		assertThat(refunded.json().get("payment").get("refundedAmount").decimalValue()).isEqualByComparingTo("12.50");
		assertThat(this.sandbox.ledger(payment.outTradeNo())).containsExactly("PAY 20.00", "REFUND 12.50");
		this.shop.awaitRemaining(itemId, 2);
	}

	@Test
	void aDuplicatedNotifyRecordsOnePayment() {
		long itemId = this.shop.activeItem("Fan", "30.00", "15.00", 2, null);
		String buyer = this.api.tokenFor(this.shop.newBuyer());
		long orderId = this.shop.buy(buyer, itemId);
		Payment payment = started(buyer, orderId, "SANDBOX");
		var notify = this.sandbox.signed(this.sandbox.notify(payment));

		for (int i = 0; i < 3; i++) {
			assertThat(this.sandbox.post(notify).body()).isEqualTo("success");
		}

		this.shop.awaitOrderStatus(buyer, orderId, "PAID");
		assertThat(this.payments.findForOrder(orderId)).hasSize(1);
		assertThat(this.sandbox.ledger(payment.outTradeNo())).containsExactly("PAY 15.00");
	}

	private Payment paidWithTheSandbox(String buyer, long orderId) {
		Payment payment = started(buyer, orderId, "SANDBOX");
		assertThat(this.sandbox.confirm(payment).status()).isEqualTo(303);
		this.shop.awaitOrderStatus(buyer, orderId, "PAID");
		return payment;
	}

	private Payment started(String buyer, long orderId, String method) {
		Response started = pay(buyer, orderId, method);
		assertThat(started.status()).as(started.body()).isEqualTo(201);
		return this.payments.find(started.json().get("outTradeNo").asString()).orElseThrow();
	}

	private String buyerWithPoints(long balance) {
		UserSummary buyer = this.shop.newBuyer();
		this.points.grant(buyer.id(), buyer.orgId(), balance, "test-" + buyer.id(), "test points");
		return this.api.tokenFor(buyer);
	}

	private long balance(String token) {
		return this.api.get("/api/v1/points/me", token).json().get("balance").asLong();
	}

	private Response pay(String token, long orderId, String method) {
		return this.api.post("/api/v1/orders/" + orderId + "/payments", "{\"method\": \"" + method + "\"}", token);
	}

	private Response refund(String token, long orderId, String body) {
		return this.api.post("/api/v1/orders/" + orderId + "/refund", body, token);
	}

	private static List<Response> concurrently(List<Callable<Response>> tasks) throws Exception {
		CountDownLatch start = new CountDownLatch(1);
		List<Future<Response>> calls = new ArrayList<>();
		try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
			for (Callable<Response> task : tasks) {
				calls.add(threads.submit(() -> {
					start.await();
					return task.call();
				}));
			}
			start.countDown();
			List<Response> answers = new ArrayList<>();
			for (Future<Response> future : calls) {
				answers.add(future.get());
			}
			return answers;
		}
	}

}
