package io.orderpulse.identity.internal;

import java.time.Duration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.orderpulse.platform.cluster.ClusterSettings;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * One node's buckets (the embedded default): a bounded cache that forgets a bucket once
 * it has been idle for twice its refill time (by then it is full again).
 */
@Component
@ConditionalOnProperty(name = ClusterSettings.ENABLED, havingValue = "false", matchIfMissing = true)
class InMemoryAttemptBuckets implements AttemptBuckets {

	private final Cache<String, Entry> buckets = Caffeine.newBuilder()
		.maximumSize(100_000)
		.expireAfter(Expiry.<String, Entry>accessing((key, entry) -> entry.idle()))
		.build();

	@Override
	public Duration tryTake(String key, IdentitySettings.AttemptLimit limit) {
		Entry entry = this.buckets.get(key,
				(k) -> new Entry(Bucket.builder().addLimit(AttemptBuckets.bandwidth(limit)).build(),
						limit.per().multipliedBy(2)));
		ConsumptionProbe probe = entry.bucket().tryConsumeAndReturnRemaining(1);
		return probe.isConsumed() ? Duration.ZERO : Duration.ofNanos(probe.getNanosToWaitForRefill());
	}

	private record Entry(Bucket bucket, Duration idle) {
	}

}
