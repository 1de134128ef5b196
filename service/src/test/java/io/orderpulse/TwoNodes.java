package io.orderpulse;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.crypto.SecretKey;

import io.orderpulse.identity.AccessTokens;
import io.orderpulse.identity.Organizations;
import io.orderpulse.identity.UserAccounts;
import io.orderpulse.identity.internal.IdentitySettings;
import io.orderpulse.platform.broker.WorkQueues;
import org.jspecify.annotations.Nullable;

import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.Cursor;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Two (or one) cluster-mode nodes in this JVM, on free ports: profile {@code cluster}
 * against a fresh database on the external PostgreSQL and the local Redis
 * (127.0.0.1:6379, override with {@code ORDERPULSE_TEST_REDIS_URL}) under a key prefix of
 * this run's own, which is deleted again at the end. One fixture for all the cluster
 * tests: starting nodes is what costs time.
 */
public final class TwoNodes implements AutoCloseable {

	/** The bootstrap admin's credentials. */
	public static final String ADMIN = "root-admin";

	public static final String ADMIN_PASSWORD = "bootstrap-" + UUID.randomUUID();

	static final String REDIS = System.getenv().getOrDefault("ORDERPULSE_TEST_REDIS_URL", "redis://127.0.0.1:6379");

	/** The payment timeout of the broker-mode nodes. */
	public static final Duration PAYMENT_TIMEOUT = Duration.ofSeconds(10);

	private static final String RABBITMQ = System.getenv()
		.getOrDefault("ORDERPULSE_TEST_RABBITMQ_URL", "amqp://guest:guest@127.0.0.1:5672");

	private final String keyPrefix = "orderpulse-test-" + UUID.randomUUID() + ":";

	private final List<ConfigurableApplicationContext> nodes = new ArrayList<>();

	private final List<TestApi> apis = new ArrayList<>();

	private final @Nullable String queuePrefix;

	private TwoNodes(int count, boolean rabbitMq, Map<String, String> engines) {
		this.queuePrefix = rabbitMq ? "orderpulse-test-" + UUID.randomUUID() + "." : null;
		Map<String, String> properties = clusterProperties(
				engines.containsKey("spring.datasource.url") ? Map.of() : ExternalPostgres.createDatabase(),
				this.keyPrefix, this.queuePrefix);
		if (this.queuePrefix != null) {
			// payment timeouts through the delay queue only: the scheduled safety net
			// stays out of the way
			properties.put("orderpulse.ordering.payment-timeout", PAYMENT_TIMEOUT.toMillis() + "ms");
			properties.put("orderpulse.ordering.timeout-check", "PT1H");
		}
		properties.putAll(engines);
		List<String> args = new ArrayList<>();
		properties.forEach((name, value) -> args.add("--" + name + "=" + value));
		args.add("--server.port=0");
		try {
			for (String name : List.of("node-a", "node-b").subList(0, count)) {
				List<String> nodeArgs = new ArrayList<>(args);
				nodeArgs.add("--orderpulse.cluster.node-id=" + name);
				if (this.nodes.isEmpty()) {
					// the first node creates the admin; the second finds it and needs
					// no credentials
					nodeArgs.add("--orderpulse.bootstrap.admin.username=" + ADMIN);
					nodeArgs.add("--orderpulse.bootstrap.admin.password=" + ADMIN_PASSWORD);
				}
				ConfigurableApplicationContext context = new SpringApplicationBuilder(OrderPulseApplication.class)
					.profiles("test", "cluster")
					.run(nodeArgs.toArray(String[]::new));
				this.nodes.add(context);
				this.apis.add(new TestApi((WebServerApplicationContext) context, context.getBean(UserAccounts.class),
						context.getBean(AccessTokens.class), context.getBean(Organizations.class),
						context.getBean(IdentitySettings.class), context.getBean(SecretKey.class)));
			}
		}
		catch (RuntimeException ex) {
			close();
			throw ex;
		}
	}

	/**
	 * The properties of a cluster-mode node (profile {@code cluster}) of a test run: a
	 * fresh database on the external PostgreSQL, the local Redis under {@code keyPrefix},
	 * a random signing key, and with a {@code queuePrefix} broker mode on the local
	 * RabbitMQ with short retry delays.
	 */
	static Map<String, String> clusterProperties(String keyPrefix, @Nullable String queuePrefix) {
		return clusterProperties(ExternalPostgres.createDatabase(), keyPrefix, queuePrefix);
	}

	private static Map<String, String> clusterProperties(Map<String, String> database, String keyPrefix,
			@Nullable String queuePrefix) {
		byte[] secret = new byte[48];
		new SecureRandom().nextBytes(secret);
		Map<String, String> properties = new LinkedHashMap<>(database);
		properties.put("spring.data.redis.url", REDIS);
		properties.put("orderpulse.cluster.key-prefix", keyPrefix);
		properties.put("orderpulse.cluster.catch-up-interval", "500ms");
		properties.put("orderpulse.cluster.presence-heartbeat", "1s");
		properties.put("orderpulse.cluster.presence-ttl", "3s");
		properties.put("orderpulse.identity.jwt-secret", Base64.getEncoder().encodeToString(secret));
		properties.put("orderpulse.bench.enabled", "false");
		// the payment tests pay with the sandbox gateway, which profile cluster refuses
		// unless allowed explicitly
		properties.put("orderpulse.payment.sandbox.enabled", "true");
		properties.put("orderpulse.payment.sandbox.allow-in-cluster", "true");
		// the crowd tests queue 2,000 requests on 20 connections of this 2-core
		// machine: some wait longer for a connection than profile cluster's 10 s
		// (Hikari's default)
		properties.put("spring.datasource.hikari.connection-timeout", "30000");
		if (queuePrefix != null) {
			properties.put("orderpulse.broker", "rabbitmq");
			properties.put("orderpulse.rabbitmq.queue-prefix", queuePrefix);
			properties.put("orderpulse.rabbitmq.retry-delay", "50ms");
			properties.put("orderpulse.rabbitmq.resubmit-after", "2s");
			properties.put("orderpulse.rabbitmq.resubmit-interval", "1s");
			properties.put("spring.rabbitmq.addresses", RABBITMQ);
		}
		return properties;
	}

	/**
	 * Starts the two nodes, one after the other (the first migrates the database).
	 */
	public static TwoNodes start() {
		return new TwoNodes(2, false, Map.of());
	}

	/**
	 * Starts the two nodes in broker mode on the local RabbitMQ (127.0.0.1:5672, override
	 * with {@code ORDERPULSE_TEST_RABBITMQ_URL}), with queues of this run's own, which
	 * are deleted again at the end.
	 */
	public static TwoNodes startWithRabbitMq() {
		return new TwoNodes(2, true, Map.of());
	}

	/**
	 * Starts one or two nodes on engines of a test's own: {@code engines} replaces the
	 * defaults' properties (such as {@code spring.data.redis.url},
	 * {@code spring.rabbitmq.addresses}, or {@code spring.datasource.*}, in which case no
	 * database is created on the external PostgreSQL).
	 * @param count 1 (node A only) or 2
	 * @param rabbitMq whether the nodes run in broker mode
	 * @param engines properties in place of the defaults' (any property, in fact)
	 */
	public static TwoNodes start(int count, boolean rabbitMq, Map<String, String> engines) {
		return new TwoNodes(count, rabbitMq, engines);
	}

	public ConfigurableApplicationContext a() {
		return this.nodes.get(0);
	}

	public ConfigurableApplicationContext b() {
		return this.nodes.get(1);
	}

	public TestApi apiA() {
		return this.apis.get(0);
	}

	public TestApi apiB() {
		return this.apis.get(1);
	}

	public String keyPrefix() {
		return this.keyPrefix;
	}

	/**
	 * Stops the nodes and deletes this run's Redis keys.
	 */
	@Override
	public void close() {
		for (int i = this.nodes.size() - 1; i >= 0; i--) {
			ConfigurableApplicationContext node = this.nodes.get(i);
			if (i == 0) {
				deleteKeys(node.getBean(StringRedisTemplate.class), this.keyPrefix);
				if (this.queuePrefix != null) {
					deleteQueues(node);
				}
			}
			node.close();
		}
		this.nodes.clear();
	}

	/**
	 * Deletes the node's work queues, their dead-letter and delay queues and the
	 * dead-letter exchange (all named with the node's queue prefix).
	 */
	static void deleteQueues(ApplicationContext node) {
		try {
			AmqpAdmin admin = node.getBean(AmqpAdmin.class);
			WorkQueues queues = node.getBean(WorkQueues.class);
			for (String queue : WorkQueues.ALL) {
				admin.deleteQueue(queues.name(queue));
				admin.deleteQueue(queues.deadLetterName(queue));
			}
			WorkQueues.DELAYED.forEach((queue) -> queues.delayNames(queue).forEach(admin::deleteQueue));
			admin.deleteExchange(queues.deadLetterExchange());
		}
		catch (RuntimeException ex) {
			// queues of a run carry a random prefix and harm nobody
		}
	}

	/**
	 * Deletes the Redis keys under {@code keyPrefix} on a connection of its own (for a
	 * context that is closing or closed).
	 */
	static void deleteKeys(String keyPrefix) {
		LettuceConnectionFactory factory = new LettuceConnectionFactory(
				LettuceConnectionFactory.createRedisConfiguration(REDIS));
		factory.afterPropertiesSet();
		factory.start();
		try {
			deleteKeys(new StringRedisTemplate(factory), keyPrefix);
		}
		finally {
			factory.destroy();
		}
	}

	/**
	 * Deletes the Redis keys under {@code keyPrefix}.
	 */
	static void deleteKeys(StringRedisTemplate redis, String keyPrefix) {
		try (Cursor<String> keys = redis.scan(ScanOptions.scanOptions().match(keyPrefix + "*").count(1000).build())) {
			List<String> batch = new ArrayList<>();
			keys.forEachRemaining(batch::add);
			if (!batch.isEmpty()) {
				redis.delete(batch);
			}
		}
		catch (RuntimeException ex) {
			// keys of a run carry a random prefix and harm nobody, but say so
			System.err.println("Could not delete the Redis keys under " + keyPrefix + ": " + ex);
		}
	}

}
