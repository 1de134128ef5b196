package io.orderpulse.ordering;

import java.net.http.HttpRequest.BodyPublishers;
import java.time.Duration;
import java.time.Instant;

import io.orderpulse.IntegrationTest;
import io.orderpulse.TestApi;
import io.orderpulse.TestApi.Response;
import io.orderpulse.Tenants;
import io.orderpulse.Tenants.Tenant;
import io.orderpulse.catalog.Products;
import io.orderpulse.identity.Role;
import io.orderpulse.identity.UserSummary;
import io.orderpulse.realtime.Destinations;
import io.orderpulse.realtime.RawStompSocket;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An order's life after it is created: payment, the merchant's actions, reminders,
 * cancellation, the scheduled timeouts and who may see it.
 */
@IntegrationTest
class OrderLifecycleTests {

	@Autowired
	TestApi api;

	@Autowired
	ApplicationContext context;

	@Autowired
	OrderPayments payments;

	@Autowired
	OrderTimeouts timeouts;

	@Autowired
	Products products;

	Tenant shop;

	long noodles;

	@BeforeEach
	void newShop() {
		this.shop = new Tenants(this.context).create("Lifecycle");
		this.noodles = this.shop.product("Noodles", "20.00", 10);
	}

	long order(int quantity) {
		String key = "k-" + System.nanoTime();
		Response accepted = this.api.send(this.api.request("/api/v1/orders", this.shop.buyer())
			.header("Idempotency-Key", key)
			.POST(BodyPublishers
				.ofString("{\"items\": [{\"productId\": %d, \"quantity\": %d}]}".formatted(this.noodles, quantity))));
		assertThat(accepted.status()).isEqualTo(202);
		JsonNode[] state = new JsonNode[1];
		await().atMost(Duration.ofSeconds(20)).until(() -> {
			state[0] = this.api.get("/api/v1/orders/requests/" + key, this.shop.buyer()).json();
			return state[0].get("status").asString().equals("COMPLETED");
		});
		return state[0].get("orderId").asLong();
	}

	String status(long orderId) {
		return this.api.get("/api/v1/orders/" + orderId, this.shop.buyer()).json().get("status").asString();
	}

	Response merchant(long orderId, String action, String body) {
		return this.api.post("/api/v1/merchant/orders/" + orderId + "/" + action, body, this.shop.merchant());
	}

	RawStompSocket socket(UserSummary user, String destination) throws Exception {
		return RawStompSocket.subscribed(this.api.ws(), this.api.tokenFor(user), destination);
	}

	@Test
	void goesFromPaymentToCompletionAndTellsTheBuyerEachTime() throws Exception {
		long orderId = order(2);
		try (RawStompSocket buyer = socket(this.shop.buyerUser(), Destinations.ORDER_UPDATES);
				RawStompSocket merchant = socket(this.shop.merchantUser(), Destinations.ALERTS)) {
			assertThat(this.payments.markPaid(orderId)).isTrue();
			JsonNode alert = OrderTests.body(merchant.next());
			assertThat(alert.get("type").asInt()).isEqualTo(1);
			assertThat(alert.get("orderId").asLong()).isEqualTo(orderId);
			assertThat(alert.get("content").asString()).startsWith("订单号：");

			assertThat(merchant(orderId, "confirm", null).status()).isEqualTo(200);
			assertThat(merchant(orderId, "deliver", null).status()).isEqualTo(200);
			assertThat(merchant(orderId, "complete", null).status()).isEqualTo(200);

			for (String expected : new String[] { "PAID", "CONFIRMED", "DELIVERING", "COMPLETED" }) {
				JsonNode update = OrderTests.body(buyer.next());
				assertThat(update.get("status").asString()).isEqualTo(expected);
				assertThat(update.get("orderId").asLong()).isEqualTo(orderId);
			}
		}
		assertThat(status(orderId)).isEqualTo("COMPLETED");
	}

	@Test
	void illegalTransitionsAreConflicts() {
		long orderId = order(1);

		Response early = merchant(orderId, "confirm", null);
		assertThat(early.status()).isEqualTo(409);
		assertThat(early.json().get("type").asString()).isEqualTo("urn:orderpulse:problem:illegal-order-transition");

		this.payments.markPaid(orderId);
		assertThat(merchant(orderId, "complete", null).status()).isEqualTo(409);
		assertThat(this.api.post("/api/v1/orders/" + orderId + "/cancel", null, this.shop.buyer()).status())
			.isEqualTo(409);
		assertThat(merchant(orderId, "confirm", null).status()).isEqualTo(200);
		assertThat(merchant(orderId, "confirm", null).status()).isEqualTo(409);
	}

	@Test
	void theBuyerCancelsBeforePaymentAndTheStockComesBack() {
		long orderId = order(3);
		assertThat(stock()).isEqualTo(7);

		Response cancelled = this.api.post("/api/v1/orders/" + orderId + "/cancel", null, this.shop.buyer());

		assertThat(cancelled.status()).isEqualTo(200);
		assertThat(cancelled.json().get("status").asString()).isEqualTo("CANCELLED");
		assertThat(stock()).isEqualTo(10);
		// a payment arriving now does not revive it
		assertThat(this.payments.markPaid(orderId)).isFalse();
		assertThat(status(orderId)).isEqualTo("CANCELLED");
	}

	@Test
	void theMerchantRejectsAPaidOrderWithAReason() {
		long orderId = order(1);
		this.payments.markPaid(orderId);

		assertThat(merchant(orderId, "reject", "{}").status()).isEqualTo(400);
		Response rejected = merchant(orderId, "reject", "{\"reason\": \"out of noodles\"}");

		assertThat(rejected.status()).isEqualTo(200);
		assertThat(rejected.json().get("status").asString()).isEqualTo("CANCELLED");
		assertThat(rejected.json().get("cancelReason").asString()).isEqualTo("out of noodles");
		assertThat(stock()).isEqualTo(10);
	}

	@Test
	void remindersAlertTheMerchantAtMostOnceInTheInterval() throws Exception {
		long orderId = order(1);
		Response tooEarly = this.api.post("/api/v1/orders/" + orderId + "/reminders", null, this.shop.buyer());
		assertThat(tooEarly.status()).isEqualTo(409);
		this.payments.markPaid(orderId);

		try (RawStompSocket merchant = socket(this.shop.merchantUser(), Destinations.ALERTS)) {
			assertThat(this.api.post("/api/v1/orders/" + orderId + "/reminders", null, this.shop.buyer()).status())
				.isEqualTo(202);
			JsonNode reminder = OrderTests.body(merchant.next());
			while (reminder.get("type").asInt() != 2) {
				reminder = OrderTests.body(merchant.next());
			}
			assertThat(reminder.get("orderId").asLong()).isEqualTo(orderId);

			Response again = this.api.post("/api/v1/orders/" + orderId + "/reminders", null, this.shop.buyer());
			assertThat(again.status()).isEqualTo(429);
			assertThat(Long.parseLong(again.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 300L);
		}
	}

	/**
	 * The merchant page and the seed key on the alert's numeric {@code type} (1 a new
	 * paid order, 2 a reminder, 3 a refund): the JSON on the wire stays what it always
	 * was.
	 */
	@Test
	void merchantAlertsKeepTheirJsonOnTheWire() throws Exception {
		long orderId = order(2);
		String orderNumber = this.api.get("/api/v1/orders/" + orderId, this.shop.buyer())
			.json()
			.get("orderNumber")
			.asString();
		try (RawStompSocket merchant = socket(this.shop.merchantUser(), Destinations.ALERTS)) {
			this.payments.markPaid(orderId);
			assertThat(merchant.next().body())
				.isEqualTo("{\"type\":1,\"orderId\":" + orderId + ",\"content\":\"订单号：" + orderNumber
						+ "\",\"orderNumber\":\"" + orderNumber + "\",\"amount\":40.00,\"announcement\":\"您有新的订单\"}");

			assertThat(this.api.post("/api/v1/orders/" + orderId + "/reminders", null, this.shop.buyer()).status())
				.isEqualTo(202);
			assertThat(merchant.next().body())
				.isEqualTo("{\"type\":2,\"orderId\":" + orderId + ",\"content\":\"订单号：" + orderNumber
						+ "\",\"orderNumber\":\"" + orderNumber + "\",\"amount\":40.00,\"announcement\":\"客户催单\"}");
		}
		// the refund's alert (3) is the same record (over the wire:
		// FlashSalePaymentTests)
		assertThat(this.context.getBean(JsonMapper.class).writeValueAsString(MerchantAlert.Type.values()))
			.isEqualTo("[1,2,3]");
	}

	@Test
	void onlyTheBuyerTheShopAndTheOrganizationsAdminsSeeAnOrder() {
		long orderId = order(1);
		UserSummary otherBuyer = this.api.createUser("Other Org", "nosy", Role.BUYER);
		Tenant otherShop = new Tenants(this.context).create("Elsewhere");

		assertThat(this.api.get("/api/v1/orders/" + orderId, this.shop.merchant()).status()).isEqualTo(200);
		assertThat(this.api.get("/api/v1/orders/" + orderId, this.api.tokenFor(otherBuyer)).status()).isEqualTo(404);
		assertThat(this.api.get("/api/v1/orders/" + orderId, otherShop.merchant()).status()).isEqualTo(404);
		assertThat(
				this.api.post("/api/v1/merchant/orders/" + orderId + "/confirm", null, otherShop.merchant()).status())
			.isEqualTo(404);
		UserSummary admin = this.api.createUser(organization(), "boss", Role.ADMIN);
		assertThat(this.api.get("/api/v1/orders/" + orderId, this.api.tokenFor(admin)).status()).isEqualTo(200);
		assertThat(this.api.get("/api/v1/merchant/orders", this.shop.buyer()).status()).isEqualTo(403);
		assertThat(this.api.get("/api/v1/merchant/orders?status=PENDING_PAYMENT", this.shop.merchant())
			.json()
			.get("totalItems")
			.asLong()).isEqualTo(1);
		assertThat(this.api.get("/api/v1/orders?status=PAID", this.shop.buyer()).json().get("totalItems").asLong())
			.isZero();
	}

	@Test
	void anUnpaidOrderIsCancelledAfterTheTimeoutAndItsStockReturned() {
		long orderId = order(4);
		assertThat(stock()).isEqualTo(6);

		assertThat(this.timeouts.cancelUnpaid(Instant.now().plus(Duration.ofMinutes(5)))).isZero();
		assertThat(this.timeouts.cancelUnpaid(Instant.now().plus(Duration.ofMinutes(16)))).isGreaterThanOrEqualTo(1);

		assertThat(status(orderId)).isEqualTo("CANCELLED");
		assertThat(stock()).isEqualTo(10);
	}

	@Test
	void aLongDeliveringOrderIsCompleted() {
		long orderId = order(1);
		this.payments.markPaid(orderId);
		merchant(orderId, "confirm", null);
		merchant(orderId, "deliver", null);

		assertThat(this.timeouts.completeDelivered(Instant.now().plus(Duration.ofMinutes(30)))).isZero();
		assertThat(this.timeouts.completeDelivered(Instant.now().plus(Duration.ofHours(2)))).isGreaterThanOrEqualTo(1);

		assertThat(status(orderId)).isEqualTo("COMPLETED");
	}

	@Test
	void badOrderRequestsNameTheirFields() {
		Response empty = this.api.post("/api/v1/orders", "{\"items\": []}", this.shop.buyer());
		assertThat(empty.status()).isEqualTo(400);
		assertThat(empty.json().get("errors").get(0).get("field").asString()).isEqualTo("items");

		Response zero = this.api.post("/api/v1/orders",
				"{\"items\": [{\"productId\": %d, \"quantity\": 0}]}".formatted(this.noodles), this.shop.buyer());
		assertThat(zero.status()).isEqualTo(400);
		assertThat(zero.json().get("errors").get(0).get("field").asString()).isEqualTo("items[0].quantity");

		Response badKey = this.api.send(this.api.request("/api/v1/orders", this.shop.buyer())
			.header("Idempotency-Key", "no spaces allowed")
			.POST(BodyPublishers
				.ofString("{\"items\": [{\"productId\": %d, \"quantity\": 1}]}".formatted(this.noodles))));
		assertThat(badKey.status()).isEqualTo(400);
		assertThat(this.api.get("/api/v1/orders/requests/never-made", this.shop.buyer()).status()).isEqualTo(404);
		assertThat(this.api.get("/api/v1/orders?size=500", this.shop.buyer()).status()).isEqualTo(400);
	}

	private int stock() {
		return this.products.get(this.shop.orgId(), this.noodles).stock();
	}

	private String organization() {
		return this.context.getBean(org.springframework.jdbc.core.simple.JdbcClient.class)
			.sql("select name from organizations where id = ?")
			.param(this.shop.orgId())
			.query(String.class)
			.single();
	}

	String pay(long orderId) {
		Response payment = this.api.post("/api/v1/orders/" + orderId + "/payments", "{\"method\": \"SANDBOX\"}",
				this.shop.buyer());
		assertThat(payment.status()).as(payment.toString()).isEqualTo(201);
		assertThat(payment.json().get("status").asString()).isEqualTo("PENDING");
		assertThat(payment.json().get("amount").decimalValue()).isPositive();
		return payment.json().get("outTradeNo").asString();
	}

	void confirmOnTheSandbox(String outTradeNo) {
		assertThat(this.api
			.send(this.api.request("/sandbox/pay/" + outTradeNo + "/confirm", this.shop.buyer())
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(BodyPublishers.noBody()))
			.status()).as("the pay page answers with a redirect to itself").isEqualTo(303);
	}

	String paymentStatus(String outTradeNo) {
		return this.api.get("/api/v1/payments/" + outTradeNo, this.shop.buyer()).json().get("status").asString();
	}

	@Test
	void aRefundedOrderReturnsItsCatalogStockAndCannotBePaidWithPointsWithoutAConversion() {
		long orderId = order(3);
		assertThat(
				this.api.post("/api/v1/orders/" + orderId + "/payments", "{\"method\": \"POINTS\"}", this.shop.buyer())
					.json()
					.get("type")
					.asString())
			.isEqualTo("urn:orderpulse:problem:points-not-accepted");
		String outTradeNo = pay(orderId);
		confirmOnTheSandbox(outTradeNo);
		await().atMost(Duration.ofSeconds(15)).until(() -> status(orderId).equals("PAID"));
		assertThat(stock()).isEqualTo(7);

		Response refunded = this.api.post("/api/v1/orders/" + orderId + "/refund", "{\"reason\": \"cold\"}",
				this.shop.buyer());

		assertThat(refunded.status()).as(refunded.body()).isEqualTo(200);
		assertThat(status(orderId)).isEqualTo("REFUNDED");
		assertThat(paymentStatus(outTradeNo)).isEqualTo("REFUNDED");
		assertThat(stock()).isEqualTo(10);
		assertThat(this.api.post("/api/v1/orders/" + orderId + "/refund", "{\"reason\": \"again\"}", this.shop.buyer())
			.status()).isEqualTo(200);
		assertThat(stock()).as("the stock comes back once").isEqualTo(10);
	}

	@Test
	void payingThroughTheSandboxMarksTheOrderPaid() {
		long orderId = order(1);
		String outTradeNo = pay(orderId);
		assertThat(pay(orderId)).as("asking again returns the open payment").isEqualTo(outTradeNo);

		confirmOnTheSandbox(outTradeNo);

		await().atMost(Duration.ofSeconds(15)).until(() -> status(orderId).equals("PAID"));
		assertThat(paymentStatus(outTradeNo)).isEqualTo("PAID");
		assertThat(
				this.api.post("/api/v1/orders/" + orderId + "/payments", "{\"method\": \"SANDBOX\"}", this.shop.buyer())
					.status())
			.isEqualTo(409);
	}

	@Test
	void aPaymentAfterCancellationIsRefundedAndTheOrderStaysCancelled() {
		long orderId = order(2);
		String outTradeNo = pay(orderId);
		assertThat(this.api.post("/api/v1/orders/" + orderId + "/cancel", null, this.shop.buyer()).status())
			.isEqualTo(200);
		await().atMost(Duration.ofSeconds(15)).until(() -> paymentStatus(outTradeNo).equals("CLOSED"));

		confirmOnTheSandbox(outTradeNo);

		await().atMost(Duration.ofSeconds(15)).until(() -> paymentStatus(outTradeNo).equals("REFUNDED"));
		assertThat(status(orderId)).isEqualTo("CANCELLED");
		assertThat(stock()).isEqualTo(10);
	}

	@Test
	void aRejectedPaidOrderIsRefunded() {
		long orderId = order(1);
		String outTradeNo = pay(orderId);
		confirmOnTheSandbox(outTradeNo);
		await().atMost(Duration.ofSeconds(15)).until(() -> status(orderId).equals("PAID"));

		assertThat(merchant(orderId, "reject", "{\"reason\": \"closing early\"}").status()).isEqualTo(200);

		await().atMost(Duration.ofSeconds(15)).until(() -> paymentStatus(outTradeNo).equals("REFUNDED"));
	}

	@Test
	void aPaymentNeedsAKnownMethod() {
		long orderId = order(1);

		assertThat(this.api.post("/api/v1/orders/" + orderId + "/payments", "{}", this.shop.buyer()).status())
			.isEqualTo(400);
		Response unknown = this.api.post("/api/v1/orders/" + orderId + "/payments", "{\"method\": \"CASH\"}",
				this.shop.buyer());
		assertThat(unknown.status()).isEqualTo(400);
		assertThat(unknown.json().get("errors").get(0).get("field").asString()).isEqualTo("method");
	}

}
