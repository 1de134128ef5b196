package io.orderpulse;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * Points the test context of {@link KafkaIntegrationTest} at engines of its own: a fresh
 * database on the external PostgreSQL, a Redis key prefix of this run, and broker mode on
 * spring-kafka's embedded KRaft broker (one broker, started once for the whole run, on a
 * free port) with a topic prefix of this run, plus a bootstrap admin and a random signing
 * key. The Redis keys are deleted and the broker is stopped once the context has closed
 * (Spring's test context cache closes it at the end of the run).
 */
public final class KafkaTestContext implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	/** The bootstrap admin's username. */
	public static final String ADMIN = "kafka-suite-admin";

	private static EmbeddedKafkaKraftBroker broker;

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		String run = UUID.randomUUID().toString();
		String keyPrefix = "orderpulse-test-" + run + ":";
		Map<String, Object> properties = new HashMap<>(TwoNodes.clusterProperties(keyPrefix, null));
		properties.put("orderpulse.cluster.node-id", "kafka-suite-" + run);
		properties.put("orderpulse.bootstrap.admin.username", ADMIN);
		properties.put("orderpulse.bootstrap.admin.password", "bootstrap-" + UUID.randomUUID());
		properties.put("orderpulse.broker", "kafka");
		properties.put("orderpulse.kafka.topic-prefix", "orderpulse-test-" + run + ".");
		properties.put("orderpulse.kafka.retry-delay", "50ms");
		properties.put("orderpulse.kafka.resubmit-after", "2s");
		properties.put("orderpulse.kafka.resubmit-interval", "1s");
		properties.put("spring.kafka.bootstrap-servers", broker().getBrokersAsString());
		// a small pool (idle connections are given back, see application-test.yml): this
		// context stays open (cached) for the rest of the run, and the PostgreSQL is
		// shared with the other contexts and runs (100 connections)
		properties.put("spring.datasource.hikari.maximum-pool-size", "8");
		// RabbitMQ is not this context's broker: its health does not count
		properties.put("management.health.rabbit.enabled", "false");
		context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("kafka-test-engines", properties));
		// registered first, destroyed last: after the listeners and scheduled jobs
		// have stopped
		((DefaultListableBeanFactory) context.getBeanFactory()).registerDisposableBean("kafkaTestCleanup", () -> {
			TwoNodes.deleteKeys(keyPrefix);
			stopBroker();
		});
	}

	/**
	 * The embedded broker, started on first use.
	 */
	static synchronized EmbeddedKafkaKraftBroker broker() {
		if (broker == null) {
			EmbeddedKafkaKraftBroker started = new EmbeddedKafkaKraftBroker(1, 1);
			started.afterPropertiesSet();
			broker = started;
		}
		return broker;
	}

	private static synchronized void stopBroker() {
		if (broker != null) {
			broker.destroy();
			broker = null;
		}
	}

}
