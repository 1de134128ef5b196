package io.orderpulse.identity.internal;

import java.time.Duration;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.orderpulse.platform.cluster.ClusterNode;
import io.orderpulse.platform.cluster.ClusterSettings;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.stereotype.Component;

/**
 * Cluster mode's buckets: Bucket4j's Redis backend (compare-and-swap on Lettuce), one key
 * per bucket under {@code <prefix>attempts:}, so every node takes from the same bucket. A
 * key expires once its bucket would be full again. The connection is one of its own on
 * Spring Boot's Lettuce client ({@code spring.data.redis.*}); when Redis cannot be
 * reached the attempt is answered 503, as other cluster-mode features are.
 */
@Component
@ConditionalOnProperty(name = ClusterSettings.ENABLED, havingValue = "true")
class RedisAttemptBuckets implements AttemptBuckets, DisposableBean {

	private final ClusterNode node;

	private final StatefulConnection<String, byte[]> connection;

	private final ProxyManager<String> buckets;

	RedisAttemptBuckets(LettuceConnectionFactory redis, ClusterNode node) {
		this.node = node;
		RedisCodec<String, byte[]> codec = RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);
		AbstractRedisClient client = redis.getRequiredNativeClient();
		if (client instanceof RedisClusterClient cluster) {
			StatefulRedisClusterConnection<String, byte[]> clusterConnection = cluster.connect(codec);
			this.connection = clusterConnection;
			this.buckets = Bucket4jLettuce.casBasedBuilder(clusterConnection)
				.expirationAfterWrite(
						ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(10)))
				.build();
		}
		else {
			StatefulRedisConnection<String, byte[]> single = ((RedisClient) client).connect(codec);
			this.connection = single;
			this.buckets = Bucket4jLettuce.casBasedBuilder(single)
				.expirationAfterWrite(
						ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(10)))
				.build();
		}
	}

	@Override
	public Duration tryTake(String key, IdentitySettings.AttemptLimit limit) {
		ConsumptionProbe probe;
		try {
			probe = this.buckets
				.getProxy(this.node.key("attempts", key),
						() -> BucketConfiguration.builder().addLimit(AttemptBuckets.bandwidth(limit)).build())
				.tryConsumeAndReturnRemaining(1);
		}
		catch (RuntimeException ex) {
			throw new DataAccessResourceFailureException("The attempt limits in Redis could not be reached", ex);
		}
		return probe.isConsumed() ? Duration.ZERO : Duration.ofNanos(probe.getNanosToWaitForRefill());
	}

	@Override
	public void destroy() {
		this.connection.close();
	}

}
