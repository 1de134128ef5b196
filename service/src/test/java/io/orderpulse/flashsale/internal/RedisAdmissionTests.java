package io.orderpulse.flashsale.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.orderpulse.IntegrationTest;
import io.orderpulse.flashsale.AdmissionPort;
import io.orderpulse.flashsale.AdmissionPort.Outcome;
import io.orderpulse.platform.cluster.ClusterNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.Cursor;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import org.springframework.transaction.PlatformTransactionManager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The admission port's contract ({@link FlashSaleAdmissionTests}) against cluster mode's
 * Redis implementation, on the local Redis under a key prefix of this run's own, plus
 * what only Redis does: sharing the state between nodes and clearing every node's
 * sold-out flag.
 */
@IntegrationTest
@Tag("external")
class RedisAdmissionTests extends FlashSaleAdmissionTests {

	static final String PREFIX = "orderpulse-test-" + UUID.randomUUID() + ":";

	static LettuceConnectionFactory connections;

	static StringRedisTemplate redis;

	static RedisMessageListenerContainer listeners;

	@Autowired
	PlatformTransactionManager transactions;

	@BeforeAll
	static void connect() {
		connections = new LettuceConnectionFactory(new RedisStandaloneConfiguration("127.0.0.1", 6379));
		connections.afterPropertiesSet();
		connections.start();
		redis = new StringRedisTemplate(connections);
		listeners = new RedisMessageListenerContainer();
		listeners.setConnectionFactory(connections);
		listeners.afterPropertiesSet();
		listeners.start();
	}

	@AfterAll
	static void disconnect() {
		List<String> keys = new ArrayList<>();
		try (Cursor<String> cursor = redis.scan(ScanOptions.scanOptions().match(PREFIX + "*").build())) {
			cursor.forEachRemaining(keys::add);
		}
		if (!keys.isEmpty()) {
			redis.delete(keys);
		}
		listeners.stop();
		connections.destroy();
	}

	@Override
	AdmissionPort newAdmission() {
		return redisAdmission(PREFIX);
	}

	RedisAdmission redisAdmission(String prefix) {
		return new RedisAdmission(this.repository, redis, new ClusterNode("test-" + UUID.randomUUID(), prefix),
				listeners, this.transactions);
	}

	@Test
	void anEmptyRedisIsInitialisedFromTheStoredAdmissions() {
		assertThat(this.repository.admit(this.itemId, 7, "flash-stored")).isTrue();

		AdmissionPort fresh = redisAdmission(PREFIX + "fresh-" + UUID.randomUUID() + ":");

		assertThat(fresh.remaining(this.itemId)).isEqualTo(1);
		assertThat(fresh.admit(this.itemId, 7, this.now).outcome()).isEqualTo(Outcome.ALREADY_PURCHASED);
		assertThat(fresh.takenBefore(this.itemId, Instant.now().plusSeconds(60))).as("taken when it was stored")
			.containsOnlyKeys(7L);
		assertThat(fresh.admit(this.itemId, 8, this.now).outcome()).isEqualTo(Outcome.ADMITTED);
		assertThat(fresh.admit(this.itemId, 9, this.now).outcome()).isEqualTo(Outcome.SOLD_OUT);
	}

	@Test
	void nodesShareTheStockAndAReleaseClearsEveryNodesSoldOutFlag() {
		RedisAdmission nodeA = redisAdmission(PREFIX);
		RedisAdmission nodeB = redisAdmission(PREFIX);
		assertThat(nodeA.admit(this.itemId, 1, this.now).outcome()).isEqualTo(Outcome.ADMITTED);
		assertThat(nodeB.admit(this.itemId, 1, this.now).outcome()).as("one per user across nodes")
			.isEqualTo(Outcome.ALREADY_PURCHASED);
		assertThat(nodeB.admit(this.itemId, 2, this.now).outcome()).isEqualTo(Outcome.ADMITTED);
		assertThat(nodeA.admit(this.itemId, 3, this.now).outcome()).isEqualTo(Outcome.SOLD_OUT);
		assertThat(nodeA.flaggedSoldOut(this.itemId)).isTrue();
		assertThat(nodeB.flaggedSoldOut(this.itemId)).isTrue();

		assertThat(nodeB.release(this.itemId, 2)).isTrue();

		await().atMost(Duration.ofSeconds(1)).until(() -> !nodeA.flaggedSoldOut(this.itemId));
		assertThat(nodeA.admit(this.itemId, 3, this.now).outcome()).isEqualTo(Outcome.ADMITTED);
	}

}
