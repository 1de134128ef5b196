package io.orderpulse.flashsale;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.orderpulse.IntegrationTest;
import io.orderpulse.TestApi;
import io.orderpulse.TestApi.Response;
import io.orderpulse.Tenants;
import io.orderpulse.Tenants.Tenant;
import io.orderpulse.catalog.Products;
import io.orderpulse.identity.NewUser;
import io.orderpulse.identity.Role;
import io.orderpulse.identity.UserAccounts;
import io.orderpulse.identity.UserSummary;
import io.orderpulse.realtime.Destinations;
import io.orderpulse.realtime.RawStompSocket;
import io.orderpulse.realtime.RawStompSocket.Frame;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@IntegrationTest
class FlashSaleTests {

	private static final String PROBLEM = "urn:orderpulse:problem:";

	@Autowired
	TestApi api;

	@Autowired
	ApplicationContext context;

	@Autowired
	UserAccounts accounts;

	@Autowired
	Products products;

	@Autowired
	JdbcClient jdbc;

	Tenant shop;

	String admin;

	@BeforeEach
	void newShop() {
		this.shop = new Tenants(this.context).create("Flash");
		UserSummary adminUser = this.accounts
			.create(new NewUser(this.shop.orgId(), "admin-" + Long.toString(System.nanoTime(), 36), "a-test-passphrase",
					"Admin", Set.of(Role.ADMIN), null));
		this.admin = this.api.tokenFor(adminUser);
	}

	@Test
	void sellsExactlyTheStockToACrowdOfDistinctBuyers() throws Exception {
		long phone = this.shop.product("Phone", "999.00", 7);
		long itemId = activeItem(phone, "499.00", 100);
		List<String> tokens = this.accounts
			.createBenchUsers(this.shop.orgId(), "crowd-" + Long.toString(System.nanoTime(), 36), 2000)
			.stream()
			.map(this.api::tokenFor)
			.toList();

		List<Response> answers = concurrently(tokens, itemId);

		Map<Integer, Long> byStatus = answers.stream()
			.collect(Collectors.groupingBy(Response::status, Collectors.counting()));
		assertThat(byStatus).containsExactlyInAnyOrderEntriesOf(Map.of(202, 100L, 409, 1900L));
		assertThat(answers.stream().filter((answer) -> answer.status() == 409).map(FlashSaleTests::type))
			.containsOnly(PROBLEM + "flash-sale-sold-out");
		await().atMost(Duration.ofSeconds(60)).until(() -> count("""
				select count(*) from flash_sale_purchases p join orders o on o.id = p.order_id
				where p.item_id = ? and p.status = 'ORDERED' and o.status = 'PENDING_PAYMENT'
				""", itemId) == 100);
		assertThat(count("select count(distinct user_id) from flash_sale_purchases where item_id = ?", itemId))
			.isEqualTo(100);
		assertThat(count("""
				select count(*) from (select o.buyer_id from flash_sale_purchases p join orders o on o.id = p.order_id
				where p.item_id = ? group by o.buyer_id having count(*) > 1) twice
				""", itemId)).isZero();
		assertThat(remaining(itemId)).isZero();
		assertThat(count("select min(remaining) from flash_sale_items where id = ?", itemId)).isZero();
		assertThat(this.products.get(this.shop.orgId(), phone).stock()).as("catalog stock is not the flash sale's")
			.isEqualTo(7);
	}

	@Test
	void repeatedClicksOfOneBuyerConsumeOneUnitAtMost() throws Exception {
		long itemId = activeItem(this.shop.product("Headphones", "80.00", 10), "40.00", 5);

		List<Response> answers = concurrently(java.util.Collections.nCopies(20, this.shop.buyer()), itemId);

		assertThat(answers).filteredOn((answer) -> answer.status() == 202).hasSize(1);
		assertThat(answers).filteredOn((answer) -> answer.status() == 409)
			.hasSize(19)
			.allSatisfy((answer) -> assertThat(type(answer)).isEqualTo(PROBLEM + "flash-sale-already-purchased"));
		assertThat(remaining(itemId)).isEqualTo(4);
	}

	@Test
	void admitsAndCreatesTheOrderLikeAnOrdinaryOne() throws Exception {
		long itemId = activeItem(this.shop.product("Tablet", "300.00", 3), "199.90", 2);
		try (RawStompSocket buyer = RawStompSocket.subscribed(this.api.ws(), this.shop.buyer(),
				Destinations.ORDER_UPDATES);
				RawStompSocket watcher = RawStompSocket.subscribed(this.api.ws(), this.shop.merchant(),
						Destinations.FLASH_SALES)) {
			Response accepted = attempt(this.shop.buyer(), itemId);

			assertThat(accepted.status()).isEqualTo(202);
			assertThat(accepted.json().get("message").asString()).isEqualTo("订单创建中");
			String requestId = accepted.json().get("requestId").asString();
			JsonNode completed = awaitRequest(this.shop.buyer(), requestId, "COMPLETED");
			assertThat(completed.get("totalPrice").decimalValue()).isEqualByComparingTo("199.90");
			assertThat(body(buyer.next()).get("status").asString()).isEqualTo("PROCESSING");
			assertThat(body(buyer.next()).get("status").asString()).isEqualTo("COMPLETED");
			JsonNode order = this.api.get("/api/v1/orders/" + completed.get("orderId").asLong(), this.shop.buyer())
				.json();
			assertThat(order.get("status").asString()).isEqualTo("PENDING_PAYMENT");
			assertThat(order.get("items").get(0).get("unitPrice").decimalValue()).isEqualByComparingTo("199.90");
			JsonNode pushed = body(watcher.next());
			assertThat(pushed.get("itemId").asLong()).isEqualTo(itemId);
			assertThat(pushed.get("remaining").asInt()).isEqualTo(1);
		}
	}

	@Test
	void aChangeWithinTheThrottleIntervalIsPushedAtItsEnd() throws Exception {
		long itemId = activeItem(this.shop.product("Pen", "5.00", 10), "2.00", 5);
		try (RawStompSocket watcher = RawStompSocket.subscribed(this.api.ws(), this.shop.merchant(),
				Destinations.FLASH_SALES)) {
			assertThat(attempt(this.shop.buyer(), itemId).status()).isEqualTo(202);
			assertThat(attempt(newBuyer(), itemId).status()).isEqualTo(202);

			JsonNode pushed = body(watcher.next());
			while (pushed.get("remaining").asInt() != 3) {
				pushed = body(watcher.next());
			}
			assertThat(pushed.get("itemId").asLong()).isEqualTo(itemId);
		}
	}

	@Test
	void answersSoldOutOnceTheStockIsGone() {
		long itemId = activeItem(this.shop.product("Watch", "50.00", 10), "25.00", 1);
		assertThat(attempt(this.shop.buyer(), itemId).status()).isEqualTo(202);

		Response soldOut = attempt(newBuyer(), itemId);

		assertThat(soldOut.status()).isEqualTo(409);
		assertThat(type(soldOut)).isEqualTo(PROBLEM + "flash-sale-sold-out");
	}

	@Test
	void answersNotActiveBeforeTheStartAndAfterTheEnd() {
		long product = this.shop.product("Camera", "500.00", 10);
		long upcoming = item(
				create(Instant.now().plusSeconds(3600), Instant.now().plusSeconds(7200), product, "300.00", 5));
		Instant end = Instant.now().plusMillis(1500);
		long ending = item(create(Instant.now().minusSeconds(60), end, product, "300.00", 5));

		Response early = attempt(this.shop.buyer(), upcoming);
		assertThat(early.status()).isEqualTo(409);
		assertThat(type(early)).isEqualTo(PROBLEM + "flash-sale-not-active");
		assertThat(remaining(upcoming)).isEqualTo(5);

		await().atMost(Duration.ofSeconds(5)).until(() -> Instant.now().isAfter(end.plusMillis(100)));
		Response late = attempt(this.shop.buyer(), ending);
		assertThat(late.status()).isEqualTo(409);
		assertThat(type(late)).isEqualTo(PROBLEM + "flash-sale-not-active");
		assertThat(late.json().get("detail").asString()).contains("ended");
	}

	@Test
	void rejectsInvalidSessionsNamingTheFields() {
		long product = this.shop.product("Lamp", "20.00", 10);
		long foreign = new Tenants(this.context).create("Other").product("Foreign", "20.00", 10);
		Instant now = Instant.now();

		assertThat(fields(create(now.plusSeconds(600), now.plusSeconds(60), product, "10.00", 5))).contains("endTime");
		assertThat(fields(create(now.minusSeconds(600), now.minusSeconds(60), product, "10.00", 5)))
			.contains("endTime");
		assertThat(fields(create(now, now.plusSeconds(60), product, "20.01", 5))).contains("items[0].flashPrice");
		assertThat(fields(create(now, now.plusSeconds(60), product, "0", 5))).contains("items[0].flashPrice");
		assertThat(fields(create(now, now.plusSeconds(60), product, "9.999", 5))).contains("items[0].flashPrice");
		assertThat(fields(create(now, now.plusSeconds(60), product, "10.00", 0))).contains("items[0].stock");
		assertThat(fields(create(now, now.plusSeconds(60), product, "10.00", 1_000_001))).contains("items[0].stock");
		assertThat(fields(create(now, now.plusSeconds(60), foreign, "10.00", 5))).contains("items[0].productId");
		assertThat(this.api
			.post("/api/v1/admin/flash-sales", session(now, now.plusSeconds(60), product, "10.00", 5),
					this.shop.buyer())
			.status()).isEqualTo(403);
		assertThat(attempt(this.shop.buyer(), 999_999_999).status()).isEqualTo(404);
		assertThat(this.api.post("/api/v1/flash-sales/1/attempts", null, null).status()).isEqualTo(401);
	}

	@Test
	void cancellingAFlashSaleOrderReturnsTheStockTheMarkAndTheFlag() {
		long bike = this.shop.product("Bike", "200.00", 4);
		long itemId = activeItem(bike, "99.00", 1);
		String other = newBuyer();
		String requestId = attempt(this.shop.buyer(), itemId).json().get("requestId").asString();
		long orderId = awaitRequest(this.shop.buyer(), requestId, "COMPLETED").get("orderId").asLong();
		assertThat(type(attempt(other, itemId))).isEqualTo(PROBLEM + "flash-sale-sold-out");

		assertThat(this.api.post("/api/v1/orders/" + orderId + "/cancel", null, this.shop.buyer()).status())
			.isEqualTo(200);

		await().atMost(Duration.ofSeconds(10)).until(() -> remaining(itemId) == 1);
		assertThat(this.products.get(this.shop.orgId(), bike).stock()).as("no catalog stock returned").isEqualTo(4);
		assertThat(attempt(this.shop.buyer(), itemId).status()).as("the buyer may buy again").isEqualTo(202);
		assertThat(type(attempt(other, itemId))).isEqualTo(PROBLEM + "flash-sale-sold-out");
	}

	@Test
	void aFailedOrderReleasesTheAdmission() {
		long kettle = this.shop.product("Kettle", "30.00", 4);
		long itemId = activeItem(kettle, "15.00", 1);
		this.products.delete(this.shop.orgId(), this.shop.shopId(), kettle);

		String requestId = attempt(this.shop.buyer(), itemId).json().get("requestId").asString();

		JsonNode failed = awaitRequest(this.shop.buyer(), requestId, "FAILED");
		assertThat(failed.get("message").asString()).contains("Kettle");
		await().atMost(Duration.ofSeconds(10)).until(() -> remaining(itemId) == 1);
		assertThat(this.jdbc.sql("select status from flash_sale_purchases where item_id = ?")
			.param(itemId)
			.query(String.class)
			.single()).isEqualTo("RELEASED");
		assertThat(attempt(this.shop.buyer(), itemId).status()).as("mark and sold-out flag cleared").isEqualTo(202);
	}

	@Test
	void listsCurrentAndUpcomingItemsWithTheirRemainingStock() {
		long product = this.shop.product("Desk", "120.00", 10);
		long current = activeItem(product, "60.00", 3);
		long upcoming = item(
				create(Instant.now().plusSeconds(3600), Instant.now().plusSeconds(7200), product, "70.00", 8));
		attempt(this.shop.buyer(), current);

		Map<Long, JsonNode> items = listed();

		assertThat(items).containsKeys(current, upcoming);
		assertThat(items.get(current).get("remaining").asInt()).isEqualTo(2);
		assertThat(items.get(upcoming).get("remaining").asInt()).isEqualTo(8);
		assertThat(items.get(upcoming).get("productName").asString()).isEqualTo("Desk");
	}

	private List<Response> concurrently(List<String> tokens, long itemId) throws Exception {
		CountDownLatch start = new CountDownLatch(1);
		Semaphore inFlight = new Semaphore(200);
		List<Future<Response>> calls = new ArrayList<>();
		try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
			for (String token : tokens) {
				calls.add(threads.submit(() -> {
					start.await();
					inFlight.acquire();
					try {
						return attempt(token, itemId);
					}
					finally {
						inFlight.release();
					}
				}));
			}
			start.countDown();
			List<Response> answers = new ArrayList<>();
			for (Future<Response> call : calls) {
				answers.add(call.get());
			}
			return answers;
		}
	}

	private long activeItem(long productId, String flashPrice, int stock) {
		return item(
				create(Instant.now().minusSeconds(60), Instant.now().plusSeconds(3600), productId, flashPrice, stock));
	}

	private Response create(Instant start, Instant end, long productId, String flashPrice, int stock) {
		return this.api.post("/api/v1/admin/flash-sales", session(start, end, productId, flashPrice, stock),
				this.admin);
	}

	private static String session(Instant start, Instant end, long productId, String flashPrice, int stock) {
		return """
				{"name": "Midnight sale", "startTime": "%s", "endTime": "%s",
				 "items": [{"productId": %d, "flashPrice": %s, "stock": %d}]}
				""".formatted(start, end, productId, flashPrice, stock);
	}

	private static long item(Response created) {
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		return created.json().get("items").get(0).get("itemId").asLong();
	}

	private Response attempt(String token, long itemId) {
		return this.api.send(this.api.request("/api/v1/flash-sales/" + itemId + "/attempts", token)
			.POST(HttpRequest.BodyPublishers.noBody()));
	}

	private String newBuyer() {
		return this.api.tokenFor(
				this.accounts.createBenchUsers(this.shop.orgId(), "other-" + Long.toString(System.nanoTime(), 36), 1)
					.get(0));
	}

	private Map<Long, JsonNode> listed() {
		List<JsonNode> items = new ArrayList<>();
		this.api.get("/api/v1/flash-sales", this.shop.buyer()).json().forEach(items::add);
		return items.stream().collect(Collectors.toMap((item) -> item.get("itemId").asLong(), Function.identity()));
	}

	private int remaining(long itemId) {
		return listed().get(itemId).get("remaining").asInt();
	}

	private long count(String sql, long itemId) {
		return this.jdbc.sql(sql).param(itemId).query(Long.class).single();
	}

	private JsonNode awaitRequest(String token, String requestId, String status) {
		return FlashSaleShop.awaitRequest(this.api, token, requestId, status);
	}

	private static String type(Response response) {
		return response.json().get("type").asString();
	}

	private static List<String> fields(Response response) {
		assertThat(response.status()).as(response.body()).isEqualTo(400);
		List<String> fields = new ArrayList<>();
		response.json().get("errors").forEach((error) -> fields.add(error.get("field").asString()));
		return fields;
	}

	private static JsonNode body(Frame frame) {
		return JsonMapper.builder().build().readTree(frame.body());
	}

}
