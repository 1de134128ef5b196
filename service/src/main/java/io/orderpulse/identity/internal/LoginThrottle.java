package io.orderpulse.identity.internal;

import java.time.Duration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;

import org.springframework.stereotype.Component;

/**
 * Limits login attempts per username and client address with a token bucket, so guessing
 * passwords is slow while other users and addresses are unaffected. Buckets live in a
 * bounded cache that forgets idle keys; in cluster mode each node keeps its own buckets.
 */
@Component
public class LoginThrottle {

	private final Cache<String, Bucket> buckets;

	private final IdentitySettings.LoginLimit limit;

	LoginThrottle(IdentitySettings settings) {
		this.limit = settings.loginLimit();
		this.buckets = Caffeine.newBuilder()
			.maximumSize(100_000)
			.expireAfterAccess(this.limit.per().multipliedBy(2))
			.build();
	}

	/**
	 * Takes one attempt for this username and address.
	 * @return zero if the attempt may proceed, otherwise how long to wait
	 */
	public Duration tryAttempt(String username, String clientAddress) {
		String key = username.toLowerCase() + '|' + clientAddress;
		Bucket bucket = this.buckets.get(key, (k) -> Bucket.builder()
			.addLimit((l) -> l.capacity(this.limit.attempts()).refillGreedy(this.limit.attempts(), this.limit.per()))
			.build());
		ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
		return probe.isConsumed() ? Duration.ZERO : Duration.ofNanos(probe.getNanosToWaitForRefill());
	}

}
