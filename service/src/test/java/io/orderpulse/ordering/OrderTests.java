package io.orderpulse.ordering;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.orderpulse.IntegrationTest;
import io.orderpulse.TestApi;
import io.orderpulse.TestApi.Response;
import io.orderpulse.Tenants;
import io.orderpulse.Tenants.Tenant;
import io.orderpulse.catalog.Products;
import io.orderpulse.identity.UserSummary;
import io.orderpulse.realtime.Destinations;
import io.orderpulse.realtime.RawStompSocket;
import io.orderpulse.realtime.RawStompSocket.Frame;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@IntegrationTest
class OrderTests {

	@Autowired
	TestApi api;

	@Autowired
	ApplicationContext context;

	@Autowired
	Products products;

	Tenant shop;

	@BeforeEach
	void newShop() {
		this.shop = new Tenants(this.context).create("Noodles");
	}

	RawStompSocket connected(UserSummary user, String destination) throws Exception {
		URI ws = this.api.ws();
		return RawStompSocket.subscribed(ws, this.api.tokenFor(user), destination);
	}

	Response place(String token, String key, String items) {
		return this.api.send(this.api.request("/api/v1/orders", token)
			.header("Idempotency-Key", key)
			.POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"items\": " + items + "}")));
	}

	JsonNode awaitRequest(String token, String key, String status) {
		JsonNode[] last = new JsonNode[1];
		await().atMost(Duration.ofSeconds(20)).until(() -> {
			last[0] = this.api.get("/api/v1/orders/requests/" + key, token).json();
			return last[0].get("status").asString().equals(status);
		});
		return last[0];
	}

	int stockOf(long productId) {
		return this.products.get(this.shop.orgId(), productId).stock();
	}

	@Test
	void placesAnOrderAndPushesEveryStepToTheBuyerAndTheAdmins() throws Exception {
		long noodles = this.shop.product("Beef Noodles", "18.50", 10);
		long tea = this.shop.product("Tea", "4.00", 10);
		UserSummary admin = this.api.createUser("x", "unused", io.orderpulse.identity.Role.BUYER);
		try (RawStompSocket buyer = connected(this.shop.buyerUser(), Destinations.ORDER_UPDATES)) {
			Response accepted = place(this.shop.buyer(), "order-1",
					"[{\"productId\": %d, \"quantity\": 2}, {\"productId\": %d, \"quantity\": 1}]".formatted(noodles,
							tea));

			assertThat(accepted.status()).isEqualTo(202);
			assertThat(accepted.json().get("requestId").asString()).isEqualTo("order-1");
			assertThat(accepted.json().get("status").asString()).isEqualTo("PENDING");

			List<JsonNode> pushed = new ArrayList<>();
			while (pushed.size() < 3) {
				pushed.add(body(buyer.next()));
			}
			assertThat(pushed).extracting((m) -> m.get("status").asString())
				.containsExactly("PENDING", "PROCESSING", "COMPLETED");
			JsonNode completed = pushed.get(2);
			assertThat(completed.get("totalPrice").decimalValue()).isEqualByComparingTo("41.00");
			assertThat(completed.get("userId").asLong()).isEqualTo(this.shop.buyerUser().id());
			assertThat(completed.get("requestId").asString()).isEqualTo("order-1");
			assertThat(completed.get("orderId").asLong()).isPositive();
			assertThat(Instant.parse(completed.get("updateTime").asString())).isBefore(Instant.now().plusSeconds(1));
			assertThat(completed.has("message")).isTrue();

			JsonNode polled = this.api.get("/api/v1/orders/requests/order-1", this.shop.buyer()).json();
			assertThat(polled.get("status").asString()).isEqualTo("COMPLETED");
			assertThat(polled.get("orderId").asLong()).isEqualTo(completed.get("orderId").asLong());
			assertThat(stockOf(noodles)).isEqualTo(8);

			JsonNode order = this.api.get("/api/v1/orders/" + completed.get("orderId").asLong(), this.shop.buyer())
				.json();
			assertThat(order.get("status").asString()).isEqualTo("PENDING_PAYMENT");
			assertThat(order.get("items").size()).isEqualTo(2);
			assertThat(admin).isNotNull();
		}
	}

	@Test
	void failsWithAReasonTheBuyerCanRead() throws Exception {
		long soup = this.shop.product("Hot Soup", "9.00", 1);
		try (RawStompSocket buyer = connected(this.shop.buyerUser(), Destinations.ORDER_UPDATES)) {
			place(this.shop.buyer(), "too-many", "[{\"productId\": %d, \"quantity\": 3}]".formatted(soup));

			JsonNode failed = awaitRequest(this.shop.buyer(), "too-many", "FAILED");
			assertThat(failed.get("message").asString()).contains("Hot Soup");
			assertThat(stockOf(soup)).isEqualTo(1);
			List<String> statuses = new ArrayList<>();
			while (statuses.size() < 3) {
				statuses.add(body(buyer.next()).get("status").asString());
			}
			assertThat(statuses).containsExactly("PENDING", "PROCESSING", "FAILED");
		}

		place(this.shop.buyer(), "unknown", "[{\"productId\": 999999999, \"quantity\": 1}]");
		assertThat(awaitRequest(this.shop.buyer(), "unknown", "FAILED").get("message").asString())
			.contains("999999999");
	}

	@Test
	void theSameKeyTwentyTimesConcurrentlyMakesOneOrder() throws Exception {
		long rice = this.shop.product("Rice", "3.00", 100);
		String items = "[{\"productId\": %d, \"quantity\": 1}]".formatted(rice);
		for (Response response : placeAtOnce(java.util.Collections.nCopies(20, "once"), items)) {
			assertThat(response.status()).isEqualTo(202);
			assertThat(response.json().get("requestId").asString()).isEqualTo("once");
		}
		awaitRequest(this.shop.buyer(), "once", "COMPLETED");
		assertThat(this.api.get("/api/v1/orders", this.shop.buyer()).json().get("totalItems").asLong()).isEqualTo(1);
		assertThat(stockOf(rice)).isEqualTo(99);
	}

	@Test
	void requestsArrivingTogetherAreStoredTogetherOncePerKey() throws Exception {
		long tea = this.shop.product("Tea", "2.00", 100);
		String items = "[{\"productId\": %d, \"quantity\": 1}]".formatted(tea);
		List<String> keys = new ArrayList<>();
		for (int i = 0; i < 30; i++) {
			keys.add((i % 2 == 0) ? "together" : "together-" + i);
		}

		// at once, so the intake writes many of them in one batch, the repeated key
		// among them
		for (Response response : placeAtOnce(keys, items)) {
			assertThat(response.status()).isEqualTo(202);
			assertThat(response.json().get("requestId").asString()).startsWith("together");
		}

		awaitRequest(this.shop.buyer(), "together", "COMPLETED");
		for (int i = 1; i < 30; i += 2) {
			awaitRequest(this.shop.buyer(), "together-" + i, "COMPLETED");
		}
		assertThat(this.api.get("/api/v1/orders", this.shop.buyer()).json().get("totalItems").asLong())
			.as("one order for the repeated key and one for each of the 15 others")
			.isEqualTo(16);
		assertThat(stockOf(tea)).isEqualTo(84);
	}

	@Test
	void aKeyReusedForOtherItemsIsAConflict() {
		long rice = this.shop.product("Rice", "3.00", 100);
		place(this.shop.buyer(), "reused", "[{\"productId\": %d, \"quantity\": 1}]".formatted(rice));

		Response reused = place(this.shop.buyer(), "reused", "[{\"productId\": %d, \"quantity\": 2}]".formatted(rice));

		assertThat(reused.status()).isEqualTo(409);
		assertThat(reused.json().get("type").asString()).isEqualTo("urn:orderpulse:problem:idempotency-key-reused");
	}

	@Test
	void twoHundredBuyersOfFiftyNeverOversell() {
		long dumplings = this.shop.product("Dumplings", "12.00", 50);
		List<String> buyers = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			buyers.add(this.api.tokenFor(this.api.createUser(this.shop.tenants() == null ? "" : orgName(), "crowd",
					io.orderpulse.identity.Role.BUYER)));
		}
		String items = "[{\"productId\": %d, \"quantity\": 1}]".formatted(dumplings);
		CountDownLatch start = new CountDownLatch(1);
		List<CompletableFuture<Response>> calls = new ArrayList<>();
		for (int i = 0; i < 200; i++) {
			String token = buyers.get(i % buyers.size());
			String key = "crowd-" + i;
			calls.add(CompletableFuture.supplyAsync(() -> {
				awaitLatch(start);
				return place(token, key, items);
			}));
		}
		start.countDown();
		calls.forEach((call) -> assertThat(call.join().status()).isEqualTo(202));

		int completed = 0;
		int failed = 0;
		for (int i = 0; i < 200; i++) {
			String token = buyers.get(i % buyers.size());
			String key = "crowd-" + i;
			await().atMost(Duration.ofSeconds(60)).until(() -> {
				String status = this.api.get("/api/v1/orders/requests/" + key, token).json().get("status").asString();
				return status.equals("COMPLETED") || status.equals("FAILED");
			});
			String status = this.api.get("/api/v1/orders/requests/" + key, token).json().get("status").asString();
			if (status.equals("COMPLETED")) {
				completed++;
			}
			else {
				failed++;
			}
		}
		assertThat(completed).isEqualTo(50);
		assertThat(failed).isEqualTo(150);
		assertThat(stockOf(dumplings)).isZero();
	}

	/**
	 * Places the buyer's orders with these keys all at once, each on a virtual thread.
	 */
	private List<Response> placeAtOnce(List<String> keys, String items) throws Exception {
		CountDownLatch start = new CountDownLatch(1);
		List<Future<Response>> calls = new ArrayList<>();
		try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
			for (String key : keys) {
				calls.add(threads.submit(() -> {
					start.await();
					return place(this.shop.buyer(), key, items);
				}));
			}
			start.countDown();
			List<Response> responses = new ArrayList<>();
			for (Future<Response> call : calls) {
				responses.add(call.get());
			}
			return responses;
		}
	}

	private String orgName() {
		return this.context.getBean(org.springframework.jdbc.core.simple.JdbcClient.class)
			.sql("select name from organizations where id = ?")
			.param(this.shop.orgId())
			.query(String.class)
			.single();
	}

	static JsonNode body(Frame frame) {
		return tools.jackson.databind.json.JsonMapper.builder().build().readTree(frame.body());
	}

	static void awaitLatch(CountDownLatch latch) {
		try {
			latch.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	static BigDecimal money(String value) {
		return new BigDecimal(value);
	}

}
