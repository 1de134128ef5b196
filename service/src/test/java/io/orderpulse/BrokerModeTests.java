package io.orderpulse;

import java.math.BigDecimal;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import io.orderpulse.TestApi.Response;
import io.orderpulse.catalog.Catalog;
import io.orderpulse.flashsale.FlashSaleAdmitted;
import io.orderpulse.identity.Role;
import io.orderpulse.identity.UserSummary;
import io.orderpulse.ordering.OrderEvents.OrderPlaced;
import io.orderpulse.ordering.OrderEvents.OrderRequested;
import io.orderpulse.platform.broker.WorkQueues;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Broker mode ({@code orderpulse.broker=rabbitmq}) with two cluster nodes on the real
 * RabbitMQ, PostgreSQL and Redis, on queues of this run's own: order requests and
 * flash-sale orders go through the durable queues, a redelivered message creates nothing
 * twice, and a poison message is dead-lettered after the bounded retry, listed and
 * replayed.
 */
@Tag("external")
class BrokerModeTests {

	static TwoNodes nodes;

	@BeforeAll
	static void start() {
		nodes = TwoNodes.startWithRabbitMq();
	}

	@AfterAll
	static void stop() {
		if (nodes != null) {
			nodes.close();
		}
	}

	@Test
	void anOrderPlacedOverHttpIsProcessedThroughTheQueueAndARedeliveredMessageCreatesOneOrder() {
		Shop shop = shop("Broker Org", "4.50", 100);
		UserSummary buyer = shop.buyer();
		long productId = shop.productId();
		String token = nodes.apiA().tokenFor(buyer);
		WorkQueues queues = nodes.a().getBean(WorkQueues.class);
		assertThat(nodes.a().getBean(AmqpAdmin.class).getQueueInfo(queues.name(WorkQueues.ORDER_REQUESTS)))
			.as("both nodes consume the order queue")
			.satisfies((info) -> assertThat(info.getConsumerCount()).isEqualTo(2));

		String key = "broker-" + UUID.randomUUID();
		JsonNode completed = placeAndAwaitCompletion(token, key, productId, 2);
		assertThat(completed.get("totalPrice").decimalValue()).isEqualByComparingTo("9.00");
		// the outbox entry of the request belongs to the queue's publisher and is
		// complete (the broker confirmed it; the consumer may finish before the confirm
		// is recorded); the in-process processor does not exist in this mode
		JdbcClient jdbc = nodes.a().getBean(JdbcClient.class);
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(jdbc.sql(
					"select listener_id from event_publication where serialized_event like ? and completion_date is not null")
				.param("%" + key + "%")
				.query(String.class)
				.list()).singleElement().asString().contains("OrderRequestQueue"));

		assertThat(stock(jdbc, productId)).isEqualTo(98);

		// the outbox relay: a publication left incomplete (as when the broker did not
		// confirm) is published again without a restart, and its redelivery creates
		// nothing
		double beforeRelay = acknowledged(queues.name(WorkQueues.ORDER_REQUESTS));
		assertThat(jdbc.sql("""
				update event_publication set completion_date = null, status = 'FAILED',
				publication_date = now() - interval '1 minute' where serialized_event like ?
				and listener_id like '%OrderRequestQueue%'""").param("%" + key + "%").update()).isEqualTo(1);
		await().atMost(Duration.ofSeconds(15))
			.until(() -> jdbc
				.sql("select count(*) from event_publication where serialized_event like ? and completion_date is null")
				.param("%" + key + "%")
				.query(Long.class)
				.single() == 0 && acknowledged(queues.name(WorkQueues.ORDER_REQUESTS)) > beforeRelay);

		double before = acknowledged(queues.name(WorkQueues.ORDER_REQUESTS));
		for (int i = 0; i < 2; i++) {
			queues.publish(WorkQueues.ORDER_REQUESTS, new OrderRequested(buyer.id(), key, buyer.orgId()),
					buyer.orgId());
		}
		await().atMost(Duration.ofSeconds(10))
			.until(() -> acknowledged(queues.name(WorkQueues.ORDER_REQUESTS)) >= before + 2);
		assertThat(
				jdbc.sql("select count(*) from orders where buyer_id = ?").param(buyer.id()).query(Long.class).single())
			.as("orders after two redeliveries")
			.isEqualTo(1);

	}

	@Test
	void aFlashSaleOrderIsCreatedThroughTheQueueOnceEvenWhenRedelivered() {
		Shop shop = shop("Broker Flash Org", "10.00", 100);
		UserSummary admin = shop.admin();
		long productId = shop.productId();
		Instant now = Instant.now();
		JsonNode created = nodes.apiA()
			.post("/api/v1/admin/flash-sales", """
					{"name": "Broker sale", "startTime": "%s", "endTime": "%s",
					 "items": [{"productId": %d, "flashPrice": 1.00, "stock": 5}]}
					""".formatted(now.minusSeconds(60), now.plusSeconds(3600), productId), nodes.apiA().tokenFor(admin))
			.json();
		long itemId = created.get("items").get(0).get("itemId").asLong();
		UserSummary buyer = shop.buyer();
		String token = nodes.apiB().tokenFor(buyer);

		Response attempt = nodes.apiB().post("/api/v1/flash-sales/" + itemId + "/attempts", null, token);
		assertThat(attempt.status()).isEqualTo(202);
		String requestId = attempt.json().get("requestId").asString();
		await().atMost(Duration.ofSeconds(20))
			.until(() -> nodes.apiA().get("/api/v1/orders/requests/" + requestId, token).json(),
					(state) -> state.get("status").asString().equals("COMPLETED"));
		JdbcClient jdbc = nodes.a().getBean(JdbcClient.class);
		assertThat(jdbc.sql(
				"select listener_id from event_publication where serialized_event like ? and completion_date is not null")
			.param("%" + requestId + "%")
			.query(String.class)
			.list()).anySatisfy((listener) -> assertThat(listener).contains("FlashSaleOrderQueue"))
			.noneSatisfy((listener) -> assertThat(listener).contains("InProcessFlashSaleOrders"));

		assertThat(jdbc.sql("select remaining from flash_sale_items where id = ?")
			.param(itemId)
			.query(Integer.class)
			.single()).isEqualTo(4);

		WorkQueues queues = nodes.b().getBean(WorkQueues.class);
		double before = acknowledged(queues.name(WorkQueues.FLASH_SALE_ORDERS));
		queues.publish(WorkQueues.FLASH_SALE_ORDERS,
				new FlashSaleAdmitted(itemId, buyer.id(), buyer.orgId(), requestId), buyer.orgId());
		await().atMost(Duration.ofSeconds(10))
			.until(() -> acknowledged(queues.name(WorkQueues.FLASH_SALE_ORDERS)) >= before + 1);
		assertThat(
				jdbc.sql("select count(*) from orders where buyer_id = ?").param(buyer.id()).query(Long.class).single())
			.as("orders after a redelivery")
			.isEqualTo(1);
	}

	@Test
	void aPoisonMessageIsDeadLetteredAfterThreeAttemptsListedToItsOrganizationOnlyAndReplayed() {
		UserSummary admin = nodes.apiA().createUser("Poison Org", "admin", Role.ADMIN);
		UserSummary stranger = nodes.apiA().createUser("Other Poison Org", "admin", Role.ADMIN);
		String token = nodes.apiB().tokenFor(admin);
		WorkQueues queues = nodes.a().getBean(WorkQueues.class);
		String queue = queues.name(WorkQueues.ORDER_REQUESTS);
		double attemptsBefore = attempts(queue);
		String body = "not an order request " + UUID.randomUUID();
		nodes.a()
			.getBean(RabbitTemplate.class)
			.send("", queue,
					MessageBuilder.withBody(body.getBytes(StandardCharsets.UTF_8))
						.setContentType(MessageProperties.CONTENT_TYPE_JSON)
						.setMessageId("poison-" + UUID.randomUUID())
						.setHeader(WorkQueues.ORG_HEADER, admin.orgId())
						.build());

		JsonNode deadLetter = await().atMost(Duration.ofSeconds(20))
			.until(() -> find(nodes.apiB().get("/api/v1/admin/dead-letters", token).json(), body),
					(found) -> found != null);
		assertThat(deadLetter.get("queue").asString()).isEqualTo(queue);
		assertThat(deadLetter.get("reason").asString()).isEqualTo("rejected");
		assertThat(attempts(queue) - attemptsBefore).as("attempts before dead-lettering").isEqualTo(3);
		assertThat(find(nodes.apiA().get("/api/v1/admin/dead-letters", nodes.apiA().tokenFor(stranger)).json(), body))
			.as("another organization's admin")
			.isNull();
		assertThat(nodes.apiA()
			.post("/api/v1/admin/dead-letters/" + deadLetter.get("id").asLong() + "/replay", null,
					nodes.apiA().tokenFor(stranger))
			.status()).isEqualTo(404);
		assertThat(nodes.apiA()
			.get("/api/v1/admin/dead-letters",
					nodes.apiA().tokenFor(nodes.apiA().createUser("Poison Org", "buyer", Role.BUYER)))
			.status()).isEqualTo(403);

		// replayed, it goes through the queue again, fails again and is a new dead letter
		long id = deadLetter.get("id").asLong();
		Response replayed = nodes.apiA().post("/api/v1/admin/dead-letters/" + id + "/replay", null, token);
		assertThat(replayed.status()).isEqualTo(202);
		JsonNode again = await().atMost(Duration.ofSeconds(20))
			.until(() -> find(nodes.apiB().get("/api/v1/admin/dead-letters", token).json(), body),
					(found) -> found != null && found.get("id").asLong() != id);
		assertThat(again.get("messageId").asString()).isEqualTo(deadLetter.get("messageId").asString());
		assertThat(attempts(queue) - attemptsBefore).as("attempts after the replay").isEqualTo(6);
		Response twice = nodes.apiA().post("/api/v1/admin/dead-letters/" + id + "/replay", null, token);
		assertThat(twice.status()).isEqualTo(409);
		assertThat(twice.json().get("type").asString()).isEqualTo("urn:orderpulse:problem:dead-letter-replayed");
	}

	@Test
	void anUnpaidOrderIsCancelledByItsDelayedTimeoutMessageAndARedeliveredTimeoutChangesNothing() {
		Shop shop = shop("Timeout Org", "3.00", 10);
		UserSummary admin = shop.admin();
		UserSummary buyer = shop.buyer();
		long productId = shop.productId();
		String token = nodes.apiA().tokenFor(buyer);
		WorkQueues queues = nodes.a().getBean(WorkQueues.class);
		String queue = queues.name(WorkQueues.PAYMENT_TIMEOUTS);
		double before = acknowledged(queue);
		String key = "timeout-" + UUID.randomUUID();
		Instant placed = Instant.now();
		long orderId = placeAndAwaitCompletion(token, key, productId, 3).get("orderId").asLong();
		JdbcClient jdbc = nodes.a().getBean(JdbcClient.class);
		assertThat(stock(jdbc, productId)).isEqualTo(7);
		assertThat(nodes.apiA().get("/api/v1/orders/" + orderId, token).json().get("status").asString())
			.isEqualTo("PENDING_PAYMENT");

		await().atMost(TwoNodes.PAYMENT_TIMEOUT.plusSeconds(20))
			.until(() -> nodes.apiB().get("/api/v1/orders/" + orderId, token).json().get("status").asString(),
					"CANCELLED"::equals);
		assertThat(Duration.between(placed, Instant.now())).as("cancelled after the timeout")
			.isGreaterThanOrEqualTo(TwoNodes.PAYMENT_TIMEOUT);
		assertThat(acknowledged(queue)).isGreaterThan(before);
		assertThat(stock(jdbc, productId)).as("stock returned").isEqualTo(10);

		double beforeRedelivery = acknowledged(queue);
		queues.publish(WorkQueues.PAYMENT_TIMEOUTS,
				new OrderPlaced(orderId, buyer.id(), 0, new BigDecimal("9.00"), null), admin.orgId());
		await().atMost(Duration.ofSeconds(10)).until(() -> acknowledged(queue) > beforeRedelivery);
		assertThat(stock(jdbc, productId)).as("stock returned once").isEqualTo(10);
		assertThat(nodes.apiA().get("/api/v1/orders/" + orderId, token).json().get("status").asString())
			.isEqualTo("CANCELLED");
	}

	@Test
	void aRequestThatFailedEveryAttemptIsProcessedWhenItsDeadLetterIsReplayedAfterTheCauseIsFixed() {
		Shop shop = shop("Replay Org", "2.00", 10);
		UserSummary admin = shop.admin();
		UserSummary buyer = shop.buyer();
		long productId = shop.productId();
		String token = nodes.apiA().tokenFor(admin);
		JdbcClient jdbc = nodes.a().getBean(JdbcClient.class);
		// a stored request whose items cannot be read: processing it throws every time
		String requestId = "replay-" + UUID.randomUUID();
		jdbc.sql(
				"insert into order_requests (buyer_id, request_id, org_id, items, status) values (?, ?, ?, ?, 'PENDING')")
			.params(buyer.id(), requestId, buyer.orgId(), "[{\"productId\": ")
			.update();
		nodes.b()
			.getBean(WorkQueues.class)
			.publish(WorkQueues.ORDER_REQUESTS, new OrderRequested(buyer.id(), requestId, buyer.orgId()),
					buyer.orgId());
		JsonNode deadLetter = await().atMost(Duration.ofSeconds(20))
			.until(() -> find(nodes.apiA().get("/api/v1/admin/dead-letters", token).json(), requestId),
					(found) -> found != null);
		assertThat(
				jdbc.sql("select count(*) from orders where buyer_id = ?").param(buyer.id()).query(Long.class).single())
			.isZero();

		// the cause fixed, the replayed message creates the order
		jdbc.sql("update order_requests set items = ? where buyer_id = ? and request_id = ?")
			.params("[{\"productId\": %d, \"quantity\": 1}]".formatted(productId), buyer.id(), requestId)
			.update();
		assertThat(nodes.apiB()
			.post("/api/v1/admin/dead-letters/" + deadLetter.get("id").asLong() + "/replay", null,
					nodes.apiB().tokenFor(admin))
			.status()).isEqualTo(202);
		await().atMost(Duration.ofSeconds(20))
			.until(() -> jdbc.sql("select status from order_requests where buyer_id = ? and request_id = ?")
				.params(buyer.id(), requestId)
				.query(String.class)
				.single(), "COMPLETED"::equals);
		assertThat(
				jdbc.sql("select count(*) from orders where buyer_id = ?").param(buyer.id()).query(Long.class).single())
			.isEqualTo(1);
		assertThat(find(nodes.apiA().get("/api/v1/admin/dead-letters", token).json(), requestId)).as("listed no more")
			.isNull();
	}

	/**
	 * Places an order over HTTP on node A and polls its request on node B until it is
	 * COMPLETED.
	 */
	private static JsonNode placeAndAwaitCompletion(String token, String key, long productId, int quantity) {
		Response accepted = nodes.apiA()
			.send(nodes.apiA()
				.request("/api/v1/orders", token)
				.header("Idempotency-Key", key)
				.POST(BodyPublishers
					.ofString("{\"items\": [{\"productId\": %d, \"quantity\": %d}]}".formatted(productId, quantity))));
		assertThat(accepted.status()).isEqualTo(202);
		return await().atMost(Duration.ofSeconds(20))
			.until(() -> nodes.apiB().get("/api/v1/orders/requests/" + key, token).json(),
					(state) -> state.get("status").asString().equals("COMPLETED"));
	}

	/**
	 * An organization with an admin, a buyer and one product of a shop.
	 */
	private static Shop shop(String organization, String price, int stock) {
		UserSummary admin = nodes.apiA().createUser(organization, "admin", Role.ADMIN);
		Catalog catalog = nodes.a().getBean(Catalog.class);
		long productId = catalog.addProduct(catalog.openShop(admin.orgId(), organization + " Shop"),
				organization + " Tea", new BigDecimal(price), stock);
		return new Shop(admin, nodes.apiA().createUser(organization, "buyer", Role.BUYER), productId);
	}

	record Shop(UserSummary admin, UserSummary buyer, long productId) {
	}

	private static int stock(JdbcClient jdbc, long productId) {
		return jdbc.sql("select stock from products where id = ?").param(productId).query(Integer.class).single();
	}

	/** The dead letter whose body contains {@code body}, or null. */
	private static JsonNode find(JsonNode deadLetters, String body) {
		for (JsonNode deadLetter : deadLetters) {
			if (deadLetter.get("body").asString().contains(body)) {
				return deadLetter;
			}
		}
		return null;
	}

	private static double acknowledged(String queue) {
		return sum("orderpulse.broker.messages", queue, "acknowledged");
	}

	private static double attempts(String queue) {
		return sum("orderpulse.broker.attempts", queue, null);
	}

	private static double sum(String meter, String queue, String outcome) {
		double total = 0;
		for (ConfigurableApplicationContext node : List.of(nodes.a(), nodes.b())) {
			var search = node.getBean(MeterRegistry.class).find(meter).tag("queue", queue);
			if (outcome != null) {
				search = search.tag("outcome", outcome);
			}
			total += search.counters().stream().mapToDouble((counter) -> counter.count()).sum();
		}
		return total;
	}

}
