package io.orderpulse.messagecenter.internal;

import java.time.Duration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;

import org.springframework.stereotype.Component;

/**
 * Limits how many messages each user sends over HTTP with a token bucket per sender.
 * Buckets live in a bounded cache that forgets idle senders; in cluster mode each node
 * keeps its own. Other modules sending through the Java API are not limited.
 */
@Component
public class SendThrottle {

	private final Cache<Long, Bucket> buckets;

	private final MessageCenterSettings.SendLimit limit;

	SendThrottle(MessageCenterSettings settings) {
		this.limit = settings.sendLimit();
		this.buckets = Caffeine.newBuilder()
			.maximumSize(100_000)
			.expireAfterAccess(this.limit.per().multipliedBy(2))
			.build();
	}

	/**
	 * Takes one message from the sender's bucket.
	 * @return zero if the message may be sent, otherwise how long to wait
	 */
	public Duration trySend(long senderId) {
		Bucket bucket = this.buckets.get(senderId, (k) -> Bucket.builder()
			.addLimit((l) -> l.capacity(this.limit.messages()).refillGreedy(this.limit.messages(), this.limit.per()))
			.build());
		ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
		return probe.isConsumed() ? Duration.ZERO : Duration.ofNanos(probe.getNanosToWaitForRefill());
	}

}
