package io.orderpulse.identity.internal;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.orderpulse.platform.Problems;
import org.jspecify.annotations.Nullable;

import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.web.ErrorResponseException;

/**
 * A password encoder that runs at most {@code maxConcurrent} hashes (and checks) at once.
 * Each Argon2id hash holds 7 MiB and a core for about a tenth of a second, and requests
 * run on virtual threads, so without a bound a burst of logins (to many names, which the
 * per-name login limit does not slow) hashes all at once and exhausts memory and CPU. A
 * caller waits for a slot in arrival order (a fair semaphore) for at most
 * {@code maxWait}; one that gets none is answered 503 {@code service-unavailable} with
 * {@code Retry-After}, as an overloaded service should, instead of queueing without end.
 */
final class BoundedPasswordEncoder implements PasswordEncoder {

	private final PasswordEncoder delegate;

	/** The hashing slots (package-private so a test can take them all). */
	final Semaphore permits;

	private final Duration maxWait;

	BoundedPasswordEncoder(PasswordEncoder delegate, int maxConcurrent, Duration maxWait) {
		if (maxConcurrent < 1) {
			throw new IllegalArgumentException("At least one hash must be allowed at once, not " + maxConcurrent);
		}
		this.delegate = delegate;
		this.permits = new Semaphore(maxConcurrent, true);
		this.maxWait = maxWait;
	}

	@Override
	public @Nullable String encode(@Nullable CharSequence rawPassword) {
		return bounded(() -> this.delegate.encode(rawPassword));
	}

	@Override
	public boolean matches(@Nullable CharSequence rawPassword, @Nullable String encodedPassword) {
		Boolean matches = bounded(() -> this.delegate.matches(rawPassword, encodedPassword));
		return Boolean.TRUE.equals(matches);
	}

	/**
	 * Reads the hash's prefix and parameters only: no slot needed.
	 */
	@Override
	public boolean upgradeEncoding(@Nullable String encodedPassword) {
		return this.delegate.upgradeEncoding(encodedPassword);
	}

	private <T> @Nullable T bounded(Supplier<@Nullable T> hashing) {
		boolean acquired;
		try {
			acquired = this.permits.tryAcquire(this.maxWait.toNanos(), TimeUnit.NANOSECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw busy();
		}
		if (!acquired) {
			throw busy();
		}
		try {
			return hashing.get();
		}
		finally {
			this.permits.release();
		}
	}

	private ErrorResponseException busy() {
		return Problems.serviceUnavailable("Too many sign-ins are being checked at once", this.maxWait);
	}

}
