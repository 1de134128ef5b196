package io.orderpulse.routing;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import io.orderpulse.TestApi;
import io.orderpulse.TestApi.Response;
import io.orderpulse.TestOrg;
import io.orderpulse.identity.UserSummary;
import io.orderpulse.routing.channel.TestHttpServer;
import io.orderpulse.routing.internal.DeliveryWakeups;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.SimpleLock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Delayed deliveries in broker mode are made at their time by the broker's wake-up
 * ({@link DeliveryWakeups}), not by the job: each test holds the job's ShedLock lock, as
 * another node would while it runs, so the job stands still and only the wake-ups
 * deliver. A cancelled delivery is not sent; wake-ups delivered more than once send once.
 * Run on RabbitMQ ({@link DeliveryWakeupClusterTests}) and Kafka
 * ({@link DeliveryWakeupKafkaTests}).
 */
abstract class DeliveryWakeupTests {

	private static final Duration DELAY = Duration.ofSeconds(2);

	@Autowired
	TestApi api;

	@Autowired
	LockProvider locks;

	@Autowired
	DeliveryWakeups wakeups;

	private TestOrg org;

	private TestHttpServer receiver;

	private SimpleLock job;

	@BeforeEach
	void start() throws Exception {
		this.job = await().atMost(Duration.ofSeconds(30))
			.until(() -> this.locks.lock(new LockConfiguration(Instant.now(), "routing.dueDeliveries",
					Duration.ofMinutes(2), Duration.ZERO)), Optional::isPresent)
			.orElseThrow();
		this.org = new TestOrg(this.api, "Wakeups");
		this.receiver = TestHttpServer.start();
		this.receiver.answer(200, "ok");
		Response set = this.api.put("/api/v1/admin/webhook", "{\"url\": \"" + this.receiver.url("/hooks") + "\"}",
				this.org.adminToken);
		assertThat(set.status()).as(set.toString()).isIn(200, 201);
		this.org.rule("""
				{"name": "Later", "priority": 1, "action": {"channels": ["WEBHOOK"], "delay": "PT2S"}}
				""");
	}

	@AfterEach
	void stop() {
		this.receiver.close();
		this.job.unlock();
	}

	@Test
	void aDelayedDeliveryIsMadeAtItsTimeByTheWakeup() throws Exception {
		UserSummary alice = this.org.user("alice");
		long messageId = this.org.send(alice, "In two seconds", "NORMAL", "DIGEST");
		JsonNode held = this.org.awaitStatus(messageId, "WEBHOOK", "PENDING");
		assertThat(held.get("heldBy").asString()).isEqualTo("DELAY");
		Instant due = Instant.parse(held.get("nextAttemptTime").asString());

		assertThat(this.receiver.next(Duration.ofSeconds(10))).as("the webhook call").isNotNull();
		JsonNode sent = this.org.awaitStatus(messageId, "WEBHOOK", "SENT");
		Instant sentTime = Instant.parse(sent.get("sentTime").asString());
		assertThat(sentTime).as("not before its time").isAfterOrEqualTo(due);
		assertThat(Duration.between(due, sentTime)).as("at its time").isLessThan(Duration.ofSeconds(5));
		assertThat(sent.get("attempts").asInt()).isEqualTo(1);
		assertThat(this.receiver.next(Duration.ofMillis(500))).as("no second call").isNull();
	}

	@Test
	void aCancelledDeliveryIsNotSent() throws Exception {
		UserSummary alice = this.org.user("alice");
		long messageId = this.org.send(alice, "Never mind", "NORMAL", "DIGEST");
		long id = this.org.awaitStatus(messageId, "WEBHOOK", "PENDING").get("id").asLong();
		Response cancel = this.api.post("/api/v1/message-deliveries/" + id + "/cancel", null, this.org.adminToken);
		assertThat(cancel.status()).as(cancel.toString()).isEqualTo(200);

		// the wake-up arrives after 2 s and finds nothing to do
		await().during(DELAY.plusSeconds(2)).atMost(DELAY.plusSeconds(4)).until(() -> this.receiver.received() == 0);
		assertThat(this.org.deliveries(messageId).get(0).get("status").asString()).isEqualTo("CANCELLED");
	}

	@Test
	void wakeupsDeliveredMoreThanOnceSendOnce() throws Exception {
		UserSummary alice = this.org.user("alice");
		long messageId = this.org.send(alice, "Once", "NORMAL", "DIGEST");
		JsonNode held = this.org.awaitStatus(messageId, "WEBHOOK", "PENDING");
		Instant due = Instant.parse(held.get("nextAttemptTime").asString());
		// two more wake-ups for the same time, besides routing's own
		this.wakeups.schedule(messageId, alice.orgId(), due);
		this.wakeups.schedule(messageId, alice.orgId(), due);

		JsonNode sent = this.org.awaitStatus(messageId, "WEBHOOK", "SENT");
		assertThat(sent.get("attempts").asInt()).isEqualTo(1);
		// and one after it was sent
		this.wakeups.schedule(messageId, alice.orgId(), Instant.now());
		await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).until(() -> this.receiver.received() == 1);
		assertThat(this.org.deliveries(messageId).get(0).get("attempts").asInt()).isEqualTo(1);
	}

}
