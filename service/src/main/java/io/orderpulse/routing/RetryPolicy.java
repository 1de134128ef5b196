package io.orderpulse.routing;

import java.time.Duration;

/**
 * How often a channel attempt that failed in a way another attempt could fix is tried.
 *
 * @param maxAttempts attempts in all, the first included (1-10)
 * @param backoff the wait before the second attempt; each further wait doubles
 */
public record RetryPolicy(int maxAttempts, Duration backoff) {

	/** The policy of the default route and of rules that name none. */
	public static final RetryPolicy DEFAULT = new RetryPolicy(3, Duration.ofSeconds(30));

	/**
	 * The wait after the given number of failed attempts (1 for the first failure).
	 */
	public Duration waitAfter(int failedAttempts) {
		return this.backoff.multipliedBy(1L << Math.min(Math.max(failedAttempts - 1, 0), 20));
	}

}
