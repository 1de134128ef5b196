package io.orderpulse;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.orderpulse.TestApi.Response;
import io.orderpulse.catalog.Catalog;
import io.orderpulse.flashsale.AdmissionPort;
import io.orderpulse.flashsale.internal.AdmissionFlags;
import io.orderpulse.identity.Role;
import io.orderpulse.identity.UserAccounts;
import io.orderpulse.identity.UserSummary;
import io.orderpulse.identity.internal.IdentitySettings;
import io.orderpulse.realtime.Destinations;
import io.orderpulse.realtime.Presence;
import io.orderpulse.realtime.RawStompSocket;
import io.orderpulse.realtime.RawStompSocket.Frame;
import io.orderpulse.realtime.UserEvents;
import io.orderpulse.realtime.internal.EventStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Cluster mode with two nodes on the real PostgreSQL and Redis: what one node publishes
 * reaches sessions held by the other, presence is cluster-wide, and flash-sale admission
 * is shared.
 */
@Tag("external")
class ClusterModeTests {

	static TwoNodes nodes;

	@BeforeAll
	static void start() {
		nodes = TwoNodes.start();
	}

	@AfterAll
	static void stop() {
		if (nodes != null) {
			nodes.close();
		}
	}

	@Test
	void anEventPublishedThroughNodeAReachesTheUsersSessionOnNodeB() throws Exception {
		UserSummary buyer = nodes.apiA().createUser("Cluster Org", "buyer", Role.BUYER);
		String token = nodes.apiA().tokenFor(buyer);
		try (RawStompSocket onB = RawStompSocket.subscribed(nodes.apiB().ws(), token, Destinations.ORDER_UPDATES)) {
			UserEvents eventsOnA = nodes.a().getBean(UserEvents.class);
			for (int i = 1; i <= 3; i++) {
				eventsOnA.publish(buyer.id(), Destinations.ORDER_UPDATES, Map.of("n", i));
			}
			for (int i = 1; i <= 3; i++) {
				Frame frame = onB.poll(Duration.ofSeconds(5));
				assertThat(frame).as("event %d on node B", i).isNotNull();
				assertThat(frame.command()).isEqualTo("MESSAGE");
				assertThat(frame.header("x-seq")).isEqualTo(Integer.toString(i));
				assertThat(frame.body()).isEqualTo("{\"n\":" + i + "}");
			}
		}
	}

	@Test
	void eventsPublishedThroughBothNodesAtOnceArriveOnceEachAndInSequenceOrder() throws Exception {
		UserSummary buyer = nodes.apiA().createUser("Cluster Org", "buyer", Role.BUYER);
		int perNode = 50;
		try (RawStompSocket onB = RawStompSocket.subscribed(nodes.apiB().ws(), nodes.apiA().tokenFor(buyer),
				Destinations.ORDER_UPDATES)) {
			try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
				for (ConfigurableApplicationContext node : List.of(nodes.a(), nodes.b())) {
					UserEvents events = node.getBean(UserEvents.class);
					for (int i = 0; i < perNode; i++) {
						executor.execute(() -> events.publish(buyer.id(), Destinations.ORDER_UPDATES, Map.of()));
					}
				}
			}
			for (int seq = 1; seq <= 2 * perNode; seq++) {
				Frame frame = onB.poll(Duration.ofSeconds(5));
				assertThat(frame).as("event %d", seq).isNotNull();
				assertThat(frame.header("x-seq")).isEqualTo(Integer.toString(seq));
			}
			assertThat(onB.poll(Duration.ofMillis(700))).as("no duplicate").isNull();
		}
	}

	@Test
	void aBroadcastThroughNodeAReachesTheOrganizationsSubscribersOnNodeBOnly() throws Exception {
		UserSummary admin = nodes.apiA().createUser("Cluster Org", "admin", Role.ADMIN);
		UserSummary stranger = nodes.apiA().createUser("Other Cluster Org", "admin", Role.ADMIN);
		try (RawStompSocket onB = RawStompSocket.subscribed(nodes.apiB().ws(), nodes.apiA().tokenFor(admin),
				Destinations.ANNOUNCEMENTS);
				RawStompSocket strangerOnB = RawStompSocket.subscribed(nodes.apiB().ws(),
						nodes.apiA().tokenFor(stranger), Destinations.ANNOUNCEMENTS)) {
			nodes.a()
				.getBean(UserEvents.class)
				.broadcast(admin.orgId(), Destinations.ANNOUNCEMENTS, Map.of("text", "hello cluster"));

			Frame frame = onB.poll(Duration.ofSeconds(5));
			assertThat(frame).isNotNull();
			assertThat(frame.body()).isEqualTo("{\"text\":\"hello cluster\"}");
			assertThat(strangerOnB.poll(Duration.ofMillis(500))).as("another organization's subscriber").isNull();
		}
	}

	@Test
	void anEventWhosePubSubMessageWasLostIsCaughtUpFromTheDatabase() throws Exception {
		UserSummary buyer = nodes.apiA().createUser("Cluster Org", "buyer", Role.BUYER);
		try (RawStompSocket onB = RawStompSocket.subscribed(nodes.apiB().ws(), nodes.apiA().tokenFor(buyer),
				Destinations.ORDER_UPDATES)) {
			// stored and committed on node A, but never published (as if Redis had lost
			// the message)
			EventStore store = nodes.a().getBean(EventStore.class);
			nodes.a()
				.getBean(TransactionTemplate.class)
				.executeWithoutResult((status) -> store.append(buyer.id(), Destinations.ORDER_UPDATES, "{\"lost\":1}"));

			Frame frame = onB.poll(Duration.ofSeconds(5));
			assertThat(frame).as("caught up within the catch-up interval").isNotNull();
			assertThat(frame.header("x-seq")).isEqualTo("1");
			assertThat(frame.body()).isEqualTo("{\"lost\":1}");
		}
	}

	@Test
	void presenceOnNodeAShowsASessionHeldByNodeB() throws Exception {
		UserSummary admin = nodes.apiA().createUser("Presence Org", "admin", Role.ADMIN);
		UserSummary buyer = nodes.apiA().createUser("Presence Org", "buyer", Role.BUYER);
		String adminToken = nodes.apiA().tokenFor(admin);
		try (RawStompSocket presenceOnA = RawStompSocket.subscribed(nodes.apiA().ws(), adminToken,
				Destinations.PRESENCE)) {
			try (RawStompSocket onB = RawStompSocket.subscribed(nodes.apiB().ws(), nodes.apiA().tokenFor(buyer),
					Destinations.ORDER_UPDATES)) {
				await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
					JsonNode presence = nodes.apiA().get("/api/v1/presence/" + buyer.id(), adminToken).json();
					assertThat(presence.get("online").asBoolean()).isTrue();
					assertThat(presence.get("sessions").asInt()).isEqualTo(1);
				});
				// what a message to all users is pushed by
				assertThat(nodes.a().getBean(Presence.class).onlineEverywhere()).containsEntry(buyer.id(),
						buyer.orgId());
				JsonNode online = nodes.apiA().get("/api/v1/presence", adminToken).json();
				assertThat(online.toString()).contains("\"userId\":" + buyer.id());
				assertThat(nextPresence(presenceOnA, buyer)).contains("\"status\":\"ONLINE\"");
			}
			await().atMost(Duration.ofSeconds(5))
				.untilAsserted(() -> assertThat(
						nodes.apiA().get("/api/v1/presence/" + buyer.id(), adminToken).json().get("online").asBoolean())
					.isFalse());
			assertThat(nextPresence(presenceOnA, buyer)).contains("\"status\":\"OFFLINE\"");
		}
	}

	@Test
	void aFlashSaleCrowdSplitAcrossBothNodesBuysExactlyTheStockAndAReleaseOnAClearsBsSoldOutFlag() throws Exception {
		UserSummary admin = nodes.apiA().createUser("Flash Cluster Org", "admin", Role.ADMIN);
		Catalog catalog = nodes.a().getBean(Catalog.class);
		long productId = catalog.addProduct(catalog.openShop(admin.orgId(), "Cluster Shop"), "Cluster Tea",
				new BigDecimal("10.00"), 1000);
		int stock = 30;
		int crowd = 300;
		Instant now = Instant.now();
		JsonNode created = nodes.apiA()
			.post("/api/v1/admin/flash-sales", """
					{"name": "Cluster sale", "startTime": "%s", "endTime": "%s",
					 "items": [{"productId": %d, "flashPrice": 1.00, "stock": %d}]}
					""".formatted(now.minusSeconds(60), now.plusSeconds(3600), productId, stock),
					nodes.apiA().tokenFor(admin))
			.json();
		long itemId = created.get("items").get(0).get("itemId").asLong();
		List<UserSummary> buyers = nodes.a()
			.getBean(UserAccounts.class)
			.createBenchUsers(admin.orgId(), "flash-crowd-" + System.nanoTime(), crowd);

		Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
		Map<Long, String> admitted = new ConcurrentHashMap<>();
		try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
			for (int i = 0; i < crowd; i++) {
				UserSummary buyer = buyers.get(i);
				TestApi node = (i % 2 == 0) ? nodes.apiA() : nodes.apiB();
				executor.execute(() -> {
					Response response = node.post("/api/v1/flash-sales/" + itemId + "/attempts", null,
							node.tokenFor(buyer));
					statuses.merge(response.status(), 1, Integer::sum);
					if (response.status() == 202) {
						admitted.put(buyer.id(), response.json().get("requestId").asString());
					}
				});
			}
		}

		assertThat(statuses).containsEntry(202, stock).containsEntry(409, crowd - stock).hasSize(2);
		JdbcClient jdbc = nodes.a().getBean(JdbcClient.class);
		assertThat(jdbc.sql("select count(*) from flash_sale_purchases where item_id = ? and status <> 'RELEASED'")
			.param(itemId)
			.query(Integer.class)
			.single()).isEqualTo(stock);
		assertThat(jdbc.sql("select remaining from flash_sale_items where id = ?")
			.param(itemId)
			.query(Integer.class)
			.single()).isZero();
		AdmissionPort admissionOnB = nodes.b().getBean(AdmissionPort.class);
		assertThat(AdmissionFlags.soldOut(admissionOnB, itemId)).as("node B's sold-out flag").isTrue();

		// one buyer cancels the order on node A: its unit returns
		long buyerId = admitted.keySet().iterator().next();
		UserSummary buyer = buyers.stream().filter((user) -> user.id() == buyerId).findFirst().orElseThrow();
		String token = nodes.apiA().tokenFor(buyer);
		long orderId = await().atMost(Duration.ofSeconds(10)).until(() -> {
			JsonNode request = nodes.apiA().get("/api/v1/orders/requests/" + admitted.get(buyerId), token).json();
			return request.path("orderId").isNumber() ? request.get("orderId").asLong() : null;
		}, Objects::nonNull);
		assertThat(nodes.apiA().post("/api/v1/orders/" + orderId + "/cancel", null, token).status()).isEqualTo(200);

		await().atMost(Duration.ofMillis(1500))
			.untilAsserted(() -> assertThat(AdmissionFlags.soldOut(admissionOnB, itemId))
				.as("node B's flag, cleared by node A's broadcast")
				.isFalse());
		UserSummary latecomer = nodes.apiA().createUser("Flash Cluster Org", "latecomer", Role.BUYER);
		assertThat(nodes.apiB()
			.post("/api/v1/flash-sales/" + itemId + "/attempts", null, nodes.apiB().tokenFor(latecomer))
			.status()).isEqualTo(202);
	}

	@Test
	void theBootstrapAdminWasCreatedOnceAndSetsUpAShopThroughEitherNode() {
		JdbcClient jdbc = nodes.a().getBean(JdbcClient.class);
		assertThat(jdbc.sql("select count(*) from users where lower(username) = lower(?)")
			.param(TwoNodes.ADMIN)
			.query(Integer.class)
			.single()).isEqualTo(1);
		Response login = nodes.apiB()
			.post("/api/v1/auth/login",
					"{\"username\":\"" + TwoNodes.ADMIN + "\",\"password\":\"" + TwoNodes.ADMIN_PASSWORD + "\"}", null);
		assertThat(login.status()).as(login.toString()).isEqualTo(200);
		assertThat(login.json().get("user").get("roles").toString()).isEqualTo("[\"ADMIN\"]");
		String token = login.json().get("accessToken").asString();

		Response shop = nodes.apiB().post("/api/v1/admin/shops", "{\"name\":\"First Shop\"}", token);
		assertThat(shop.status()).as(shop.toString()).isEqualTo(201);
		Response merchant = nodes.apiA().post("/api/v1/admin/users", """
				{"username": "first-merchant", "password": "merchant-pass", "displayName": "First Merchant",
				 "roles": ["MERCHANT"], "shopId": %d}
				""".formatted(shop.json().get("shopId").asLong()), token);
		assertThat(merchant.status()).as(merchant.toString()).isEqualTo(201);
		assertThat(merchant.json().get("orgId").asLong()).isEqualTo(login.json().get("user").get("orgId").asLong());
	}

	@Test
	void loginAttemptsOnEitherNodeTakeFromOneSharedBucket() {
		UserSummary user = nodes.apiA().createUser("Cluster Org", "guess", Role.BUYER);
		int attempts = nodes.a().getBean(IdentitySettings.class).loginLimit().attempts();
		for (int i = 0; i < attempts; i++) {
			TestApi node = (i % 2 == 0) ? nodes.apiA() : nodes.apiB();
			Response wrong = node.post("/api/v1/auth/login",
					"{\"username\":\"" + user.username() + "\",\"password\":\"wrong-" + i + "\"}", null);
			assertThat(wrong.status()).as("attempt %d: %s", i + 1, wrong).isEqualTo(401);
		}

		for (TestApi node : List.of(nodes.apiA(), nodes.apiB())) {
			Response limited = node.post("/api/v1/auth/login",
					"{\"username\":\"" + user.username() + "\",\"password\":\"password\"}", null);
			assertThat(limited.status()).as(limited.toString()).isEqualTo(429);
			assertThat(limited.headers().firstValue("Retry-After")).isPresent();
		}
	}

	private static String nextPresence(RawStompSocket socket, UserSummary user) throws InterruptedException {
		while (true) {
			Frame frame = socket.poll(Duration.ofSeconds(5));
			assertThat(frame).as("a presence push for user " + user.id()).isNotNull();
			if (frame.body().contains("\"userId\":" + user.id() + ",")) {
				return frame.body();
			}
		}
	}

}
