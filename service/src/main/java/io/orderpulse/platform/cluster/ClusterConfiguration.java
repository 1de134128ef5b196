package io.orderpulse.platform.cluster;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import io.lettuce.core.resource.Delay;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.data.redis.autoconfigure.ClientResourcesBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.support.TaskExecutorAdapter;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

/**
 * Cluster mode's Redis: Spring Boot's Lettuce connection (configured by
 * {@code spring.data.redis.*}, which profile {@code cluster} points at {@code REDIS_URL})
 * and its one pub/sub listener container per node, which every module's channels share
 * and which subscribes again after Redis restarts
 * ({@code spring.data.redis.listener.recovery.*}). Outside cluster mode Spring Boot's
 * Redis auto-configuration is excluded and none of this exists, so the embedded default
 * never needs Redis.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = ClusterSettings.ENABLED, havingValue = "true")
class ClusterConfiguration {

	private static final Logger log = LoggerFactory.getLogger(ClusterConfiguration.class);

	/**
	 * This node, once Redis answers. Pub/sub messages of all channels are handled by one
	 * thread in the order Redis sent them (the container would otherwise start a task per
	 * message, letting a node's messages overtake each other).
	 */
	@Bean
	ClusterNode clusterNode(ClusterSettings settings, StringRedisTemplate redis,
			RedisMessageListenerContainer listeners) {
		listeners.setTaskExecutor(new TaskExecutorAdapter(
				Executors.newSingleThreadExecutor(Thread.ofVirtual().name("redis-messages").factory())));
		ClusterNode node = new ClusterNode(settings);
		try {
			redis.execute((RedisCallback<String>) RedisConnection::ping);
		}
		catch (RuntimeException ex) {
			throw new IllegalStateException("Profile 'cluster' needs Redis, which did not answer: "
					+ "set REDIS_URL (redis://[user:password@]host:port) or spring.data.redis.* (" + ex.getMessage()
					+ ")", ex);
		}
		log.info("Cluster node {} (Redis key prefix '{}')", node.id(), settings.keyPrefix());
		return node;
	}

	/**
	 * Reconnects to a Redis that went away at least once a second: Lettuce's default
	 * backoff grows to 30 s, so after a longer outage a node would go on without Redis
	 * (no fan-out, no presence, no flash-sale admission) for up to half a minute after
	 * Redis is back.
	 */
	@Bean
	ClientResourcesBuilderCustomizer redisReconnectDelay() {
		return (resources) -> resources
			.reconnectDelay(Delay.exponential(Duration.ofMillis(100), Duration.ofSeconds(1), 2, TimeUnit.MILLISECONDS));
	}

}
