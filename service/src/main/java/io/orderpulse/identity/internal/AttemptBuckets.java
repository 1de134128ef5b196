package io.orderpulse.identity.internal;

import java.time.Duration;

import io.github.bucket4j.Bandwidth;

/**
 * Token buckets by key, for the login and registration limits: in this node's memory, or
 * in cluster mode in Redis, so that every node takes from the same bucket and N nodes do
 * not allow N times the attempts.
 */
interface AttemptBuckets {

	/**
	 * Takes one token from the key's bucket, created with {@code limit} if there is none.
	 * @return zero if a token was taken, otherwise how long until one is there
	 */
	Duration tryTake(String key, IdentitySettings.AttemptLimit limit);

	static Bandwidth bandwidth(IdentitySettings.AttemptLimit limit) {
		return Bandwidth.builder().capacity(limit.attempts()).refillGreedy(limit.attempts(), limit.per()).build();
	}

}
