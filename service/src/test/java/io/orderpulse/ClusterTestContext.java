package io.orderpulse;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.env.MapPropertySource;

/**
 * Points a test context of {@link ClusterIntegrationTest} at engines of its own: a fresh
 * database, a Redis key prefix and RabbitMQ queue prefix of this run, a bootstrap admin
 * and a random signing key. The Redis keys and the queues are deleted when the context
 * closes (Spring's test context cache closes it at the end of the run), since other runs
 * share the servers: the queues as it closes, the keys once it is closed.
 */
public final class ClusterTestContext implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	/** The bootstrap admin's username. */
	public static final String ADMIN = "cluster-suite-admin";

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		String run = UUID.randomUUID().toString();
		String keyPrefix = "orderpulse-test-" + run + ":";
		Map<String, Object> properties = new HashMap<>(
				TwoNodes.clusterProperties(keyPrefix, "orderpulse-test-" + run + "."));
		properties.put("orderpulse.cluster.node-id", "suite-" + run);
		properties.put("orderpulse.bootstrap.admin.username", ADMIN);
		properties.put("orderpulse.bootstrap.admin.password", "bootstrap-" + UUID.randomUUID());
		context.getEnvironment()
			.getPropertySources()
			.addFirst(new MapPropertySource("cluster-test-engines", properties));
		context.addApplicationListener((event) -> {
			if (event instanceof ContextClosedEvent closed && closed.getApplicationContext() == context) {
				TwoNodes.deleteQueues(context);
			}
		});
		// registered first, destroyed last: after the scheduled jobs and listeners that
		// could write keys again have stopped, so on a connection of its own
		((DefaultListableBeanFactory) context.getBeanFactory()).registerDisposableBean("clusterTestRedisCleanup",
				() -> TwoNodes.deleteKeys(keyPrefix));
	}

}
