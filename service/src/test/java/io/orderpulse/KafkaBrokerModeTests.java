package io.orderpulse;

import java.math.BigDecimal;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import io.orderpulse.TestApi.Response;
import io.orderpulse.catalog.Catalog;
import io.orderpulse.identity.Role;
import io.orderpulse.identity.UserSummary;
import io.orderpulse.ordering.OrderEvents.OrderPlaced;
import io.orderpulse.platform.broker.BrokerQueues;
import io.orderpulse.platform.broker.KafkaWorkQueues;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.KafkaException;
import org.springframework.kafka.core.KafkaTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Broker mode on Kafka ({@code orderpulse.broker=kafka}) against spring-kafka's embedded
 * KRaft broker, on topics of this run's own: order requests and flash-sale orders go
 * through their topics keyed by the buyer (an incomplete outbox entry is published again,
 * an unacknowledged publish throws), a poison record is dead-lettered to
 * {@code <topic>.dlt} after the bounded retry, stored, listed to its organization's admin
 * and replayed, and a delayed payment timeout fires after its delay, not before, without
 * waiting behind records of a longer delay.
 */
@KafkaIntegrationTest
class KafkaBrokerModeTests {

	@Autowired
	TestApi api;

	@Autowired
	KafkaWorkQueues queues;

	@Autowired
	KafkaTemplate<String, byte[]> kafka;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Catalog catalog;

	@Autowired
	MeterRegistry meters;

	@Value("${spring.kafka.bootstrap-servers}")
	String bootstrapServers;

	@Test
	void anOrderRequestGoesThroughItsTopicKeyedByTheBuyerAndItsOutboxEntryIsCompletedByThePublisher() {
		Shop shop = shop("Kafka Org", "4.50", 100);
		String token = this.api.tokenFor(shop.buyer());
		String key = "kafka-" + UUID.randomUUID();
		JsonNode completed = placeAndAwaitCompletion(token, key, shop.productId(), 2);
		assertThat(completed.get("totalPrice").decimalValue()).isEqualByComparingTo("9.00");
		assertThat(stock(shop.productId())).isEqualTo(98);
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(this.jdbc.sql(
					"select listener_id from event_publication where serialized_event like ? and completion_date is not null")
				.param("%" + key + "%")
				.query(String.class)
				.list()).singleElement().asString().contains("OrderRequestQueue"));

		ConsumerRecord<String, byte[]> record = await().atMost(Duration.ofSeconds(10))
			.until(() -> find(this.queues.name(BrokerQueues.ORDER_REQUESTS), key), (found) -> found != null);
		assertThat(record.key()).as("partition key").isEqualTo(Long.toString(shop.buyer().id()));
		assertThat(header(record.headers(), BrokerQueues.ORG_HEADER)).isEqualTo(Long.toString(shop.buyer().orgId()));
		assertThat(header(record.headers(), KafkaWorkQueues.MESSAGE_ID_HEADER)).isNotBlank();

		// the outbox relay: a publication left incomplete (as when Kafka did not
		// acknowledge) is published again without a restart, and its redelivery
		// creates nothing
		String topic = this.queues.name(BrokerQueues.ORDER_REQUESTS);
		double beforeRelay = acknowledged(topic);
		assertThat(this.jdbc.sql("""
				update event_publication set completion_date = null, status = 'FAILED',
				publication_date = now() - interval '1 minute' where serialized_event like ?
				and listener_id like '%OrderRequestQueue%'""").param("%" + key + "%").update()).isEqualTo(1);
		await().atMost(Duration.ofSeconds(15))
			.until(() -> this.jdbc
				.sql("select count(*) from event_publication where serialized_event like ? and completion_date is null")
				.param("%" + key + "%")
				.query(Long.class)
				.single() == 0 && acknowledged(topic) > beforeRelay);
		assertThat(orders(shop.buyer())).as("orders after the relay").isEqualTo(1);

		// a publish Kafka does not acknowledge (a record over the producer's 1 MB limit)
		// throws, so the caller's outbox entry would stay incomplete
		assertThatThrownBy(() -> this.queues.publish(BrokerQueues.ORDER_REQUESTS, "x".repeat(2_000_000),
				shop.buyer().orgId(), "too-large"))
			.isInstanceOf(KafkaException.class);

		// a redelivered request creates no second order
		double before = acknowledged(topic);
		this.kafka.send(new ProducerRecord<>(topic, null, record.key(), record.value(), record.headers()));
		await().atMost(Duration.ofSeconds(10)).until(() -> acknowledged(topic) > before);
		assertThat(this.jdbc.sql("select count(*) from orders where buyer_id = ?")
			.param(shop.buyer().id())
			.query(Long.class)
			.single()).as("orders after a redelivery").isEqualTo(1);
	}

	@Test
	void aFlashSaleOrderIsCreatedThroughItsTopic() {
		Shop shop = shop("Kafka Flash Org", "10.00", 100);
		Instant now = Instant.now();
		JsonNode created = this.api
			.post("/api/v1/admin/flash-sales", """
					{"name": "Kafka sale", "startTime": "%s", "endTime": "%s",
					 "items": [{"productId": %d, "flashPrice": 1.00, "stock": 5}]}
					""".formatted(now.minusSeconds(60), now.plusSeconds(3600), shop.productId()),
					this.api.tokenFor(shop.admin()))
			.json();
		long itemId = created.get("items").get(0).get("itemId").asLong();
		String token = this.api.tokenFor(shop.buyer());
		Response attempt = this.api.post("/api/v1/flash-sales/" + itemId + "/attempts", null, token);
		assertThat(attempt.status()).isEqualTo(202);
		String requestId = attempt.json().get("requestId").asString();
		await().atMost(Duration.ofSeconds(20))
			.until(() -> this.api.get("/api/v1/orders/requests/" + requestId, token).json(),
					(state) -> state.get("status").asString().equals("COMPLETED"));
		assertThat(this.jdbc.sql(
				"select listener_id from event_publication where serialized_event like ? and completion_date is not null")
			.param("%" + requestId + "%")
			.query(String.class)
			.list()).anySatisfy((listener) -> assertThat(listener).contains("FlashSaleOrderQueue"))
			.noneSatisfy((listener) -> assertThat(listener).contains("InProcessFlashSaleOrders"));
		ConsumerRecord<String, byte[]> record = find(this.queues.name(BrokerQueues.FLASH_SALE_ORDERS), requestId);
		assertThat(record).isNotNull();
		assertThat(record.key()).as("partition key").isEqualTo(Long.toString(shop.buyer().id()));
	}

	@Test
	void aPoisonRecordIsDeadLetteredAfterThreeAttemptsListedToItsOrganizationOnlyAndReplayed() {
		UserSummary admin = this.api.createUser("Kafka Poison Org", "admin", Role.ADMIN);
		UserSummary stranger = this.api.createUser("Other Kafka Poison Org", "admin", Role.ADMIN);
		String token = this.api.tokenFor(admin);
		String topic = this.queues.name(BrokerQueues.ORDER_REQUESTS);
		double attemptsBefore = attempts(topic);
		String body = "not an order request " + UUID.randomUUID();
		ProducerRecord<String, byte[]> poison = new ProducerRecord<>(topic, "poison",
				body.getBytes(StandardCharsets.UTF_8));
		poison.headers()
			.add(BrokerQueues.ORG_HEADER, Long.toString(admin.orgId()).getBytes(StandardCharsets.UTF_8))
			.add(KafkaWorkQueues.MESSAGE_ID_HEADER, ("poison-" + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8));
		this.kafka.send(poison).join();

		JsonNode deadLetter = await().atMost(Duration.ofSeconds(20))
			.until(() -> findDeadLetter(this.api.get("/api/v1/admin/dead-letters", token).json(), body),
					(found) -> found != null);
		assertThat(deadLetter.get("queue").asString()).isEqualTo(topic);
		assertThat(deadLetter.get("reason").asString()).startsWith("rejected after 3 attempts");
		assertThat(attempts(topic) - attemptsBefore).as("attempts before dead-lettering").isEqualTo(3);
		ConsumerRecord<String, byte[]> dead = find(this.queues.deadLetterName(BrokerQueues.ORDER_REQUESTS), body);
		assertThat(dead).as("the record on the dead-letter topic").isNotNull();
		assertThat(header(dead.headers(), BrokerQueues.ORG_HEADER)).isEqualTo(Long.toString(admin.orgId()));
		assertThat(findDeadLetter(this.api.get("/api/v1/admin/dead-letters", this.api.tokenFor(stranger)).json(), body))
			.as("another organization's admin")
			.isNull();
		assertThat(this.api
			.post("/api/v1/admin/dead-letters/" + deadLetter.get("id").asLong() + "/replay", null,
					this.api.tokenFor(stranger))
			.status()).isEqualTo(404);

		// replayed, it goes through the topic again, fails again and is a new dead letter
		long id = deadLetter.get("id").asLong();
		assertThat(this.api.post("/api/v1/admin/dead-letters/" + id + "/replay", null, token).status()).isEqualTo(202);
		JsonNode again = await().atMost(Duration.ofSeconds(20))
			.until(() -> findDeadLetter(this.api.get("/api/v1/admin/dead-letters", token).json(), body),
					(found) -> found != null && found.get("id").asLong() != id);
		assertThat(again.get("messageId").asString()).isEqualTo(deadLetter.get("messageId").asString());
		assertThat(attempts(topic) - attemptsBefore).as("attempts after the replay").isEqualTo(6);
		Response twice = this.api.post("/api/v1/admin/dead-letters/" + id + "/replay", null, token);
		assertThat(twice.status()).isEqualTo(409);
	}

	@Test
	void aRequestThatFailedEveryAttemptIsProcessedWhenItsDeadLetterIsReplayedAfterTheCauseIsFixed() {
		Shop shop = shop("Kafka Replay Org", "2.00", 10);
		UserSummary buyer = shop.buyer();
		String token = this.api.tokenFor(shop.admin());
		// a stored request whose items cannot be read: processing it throws every time
		String requestId = "replay-" + UUID.randomUUID();
		this.jdbc.sql(
				"insert into order_requests (buyer_id, request_id, org_id, items, status) values (?, ?, ?, ?, 'PENDING')")
			.params(buyer.id(), requestId, buyer.orgId(), "[{\"productId\": ")
			.update();
		this.queues.publish(BrokerQueues.ORDER_REQUESTS,
				new io.orderpulse.ordering.OrderEvents.OrderRequested(buyer.id(), requestId, buyer.orgId()),
				buyer.orgId(), Long.toString(buyer.id()));
		JsonNode deadLetter = await().atMost(Duration.ofSeconds(20))
			.until(() -> findDeadLetter(this.api.get("/api/v1/admin/dead-letters", token).json(), requestId),
					(found) -> found != null);
		assertThat(orders(buyer)).isZero();

		this.jdbc.sql("update order_requests set items = ? where buyer_id = ? and request_id = ?")
			.params("[{\"productId\": %d, \"quantity\": 1}]".formatted(shop.productId()), buyer.id(), requestId)
			.update();
		assertThat(this.api.post("/api/v1/admin/dead-letters/" + deadLetter.get("id").asLong() + "/replay", null, token)
			.status()).isEqualTo(202);
		await().atMost(Duration.ofSeconds(20))
			.until(() -> this.jdbc.sql("select status from order_requests where buyer_id = ? and request_id = ?")
				.params(buyer.id(), requestId)
				.query(String.class)
				.single(), "COMPLETED"::equals);
		assertThat(orders(buyer)).isEqualTo(1);
		assertThat(findDeadLetter(this.api.get("/api/v1/admin/dead-letters", token).json(), requestId))
			.as("listed no more")
			.isNull();
	}

	@Test
	void aDelayedPaymentTimeoutCancelsTheUnpaidOrderWhenDueNotBeforeAndNotBehindALongerDelay() {
		Shop shop = shop("Kafka Timeout Org", "3.00", 10);
		UserSummary buyer = shop.buyer();
		String token = this.api.tokenFor(buyer);
		long orderId = placeAndAwaitCompletion(token, "timeout-" + UUID.randomUUID(), shop.productId(), 3)
			.get("orderId")
			.asLong();
		long other = placeAndAwaitCompletion(token, "timeout-" + UUID.randomUUID(), shop.productId(), 1).get("orderId")
			.asLong();
		assertThat(stock(shop.productId())).isEqualTo(6);
		// both orders' own timeouts (the configured 15 minutes) wait in their delay topic
		String longDelay = this.queues.delayName(BrokerQueues.PAYMENT_TIMEOUTS, Duration.ofMinutes(15));
		await().atMost(Duration.ofSeconds(10))
			.until(() -> find(longDelay, "\"orderId\":" + other), (found) -> found != null);

		Duration delay = Duration.ofSeconds(3);
		String topic = this.queues.name(BrokerQueues.PAYMENT_TIMEOUTS);
		// a first record of this delay (for an order that does not exist) creates its
		// delay topic and relay; the next one then meets a running relay that must wait
		double warmUp = acknowledged(topic);
		this.queues.publishDelayed(BrokerQueues.PAYMENT_TIMEOUTS,
				new OrderPlaced(-1, buyer.id(), 0, BigDecimal.ONE, delay), buyer.orgId(), Long.toString(buyer.id()),
				delay);
		await().atMost(delay.plusSeconds(20)).until(() -> acknowledged(topic) > warmUp);
		double before = acknowledged(topic);
		Instant published = Instant.now();
		this.queues.publishDelayed(BrokerQueues.PAYMENT_TIMEOUTS,
				new OrderPlaced(orderId, buyer.id(), 0, new BigDecimal("9.00"), delay), buyer.orgId(),
				Long.toString(buyer.id()), delay);
		await().atMost(delay.plusSeconds(20))
			.until(() -> this.api.get("/api/v1/orders/" + orderId, token).json().get("status").asString(),
					"CANCELLED"::equals);
		assertThat(Duration.between(published, Instant.now())).as("cancelled after the delay")
			.isGreaterThanOrEqualTo(delay);
		assertThat(acknowledged(topic)).isGreaterThan(before);
		assertThat(stock(shop.productId())).as("stock of the cancelled order returned").isEqualTo(9);
		assertThat(this.api.get("/api/v1/orders/" + other, token).json().get("status").asString())
			.as("the order whose timeout is 15 minutes away")
			.isEqualTo("PENDING_PAYMENT");
	}

	/**
	 * Places an order over HTTP and polls its request until it is COMPLETED.
	 */
	private JsonNode placeAndAwaitCompletion(String token, String key, long productId, int quantity) {
		Response accepted = this.api.send(this.api.request("/api/v1/orders", token)
			.header("Idempotency-Key", key)
			.POST(BodyPublishers
				.ofString("{\"items\": [{\"productId\": %d, \"quantity\": %d}]}".formatted(productId, quantity))));
		assertThat(accepted.status()).isEqualTo(202);
		return await().atMost(Duration.ofSeconds(20))
			.until(() -> this.api.get("/api/v1/orders/requests/" + key, token).json(),
					(state) -> state.get("status").asString().equals("COMPLETED"));
	}

	/**
	 * An organization with an admin, a buyer and one product of a shop.
	 */
	private Shop shop(String organization, String price, int stock) {
		UserSummary admin = this.api.createUser(organization, "admin", Role.ADMIN);
		long productId = this.catalog.addProduct(this.catalog.openShop(admin.orgId(), organization + " Shop"),
				organization + " Tea", new BigDecimal(price), stock);
		return new Shop(admin, this.api.createUser(organization, "buyer", Role.BUYER), productId);
	}

	record Shop(UserSummary admin, UserSummary buyer, long productId) {
	}

	private int stock(long productId) {
		return this.jdbc.sql("select stock from products where id = ?").param(productId).query(Integer.class).single();
	}

	private long orders(UserSummary buyer) {
		return this.jdbc.sql("select count(*) from orders where buyer_id = ?")
			.param(buyer.id())
			.query(Long.class)
			.single();
	}

	/**
	 * The first record of a topic (read from the beginning, every partition) whose value
	 * contains {@code text}, or null.
	 */
	private ConsumerRecord<String, byte[]> find(String topic, String text) {
		Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, this.bootstrapServers,
				ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
				ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
		try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config)) {
			List<TopicPartition> partitions = new ArrayList<>();
			consumer.partitionsFor(topic, Duration.ofSeconds(5))
				.forEach((info) -> partitions.add(new TopicPartition(topic, info.partition())));
			consumer.assign(partitions);
			consumer.seekToBeginning(partitions);
			Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
			Instant deadline = Instant.now().plusSeconds(10);
			while (Instant.now().isBefore(deadline)
					&& partitions.stream().anyMatch((partition) -> consumer.position(partition) < end.get(partition))) {
				for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
					if (record.value() != null && new String(record.value(), StandardCharsets.UTF_8).contains(text)) {
						return record;
					}
				}
			}
			return null;
		}
	}

	private static String header(org.apache.kafka.common.header.Headers headers, String name) {
		org.apache.kafka.common.header.Header header = headers.lastHeader(name);
		return (header != null) ? new String(header.value(), StandardCharsets.UTF_8) : null;
	}

	/** The dead letter whose body contains {@code body}, or null. */
	private static JsonNode findDeadLetter(JsonNode deadLetters, String body) {
		for (JsonNode deadLetter : deadLetters) {
			if (deadLetter.get("body").asString().contains(body)) {
				return deadLetter;
			}
		}
		return null;
	}

	private double acknowledged(String topic) {
		return this.meters.find("orderpulse.broker.messages")
			.tag("queue", topic)
			.tag("outcome", "acknowledged")
			.counters()
			.stream()
			.mapToDouble((counter) -> counter.count())
			.sum();
	}

	private double attempts(String topic) {
		return this.meters.find("orderpulse.broker.attempts")
			.tag("queue", topic)
			.counters()
			.stream()
			.mapToDouble((counter) -> counter.count())
			.sum();
	}

}
