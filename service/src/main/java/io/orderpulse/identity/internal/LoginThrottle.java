package io.orderpulse.identity.internal;

import java.time.Duration;

import org.springframework.stereotype.Component;

/**
 * Limits login attempts per username and client address, and registrations per client
 * address, with token buckets, so guessing passwords (or creating accounts in bulk) is
 * slow while other users and addresses are unaffected. The username is the normal form
 * ({@link io.orderpulse.identity.Usernames#key(String)}): every spelling of a name takes
 * from the same bucket. In cluster mode the buckets are in Redis, shared by every node.
 */
@Component
public class LoginThrottle {

	private final AttemptBuckets buckets;

	private final IdentitySettings settings;

	LoginThrottle(AttemptBuckets buckets, IdentitySettings settings) {
		this.buckets = buckets;
		this.settings = settings;
	}

	/**
	 * Takes one login attempt for this username (in its normal form) and address.
	 * @return zero if the attempt may proceed, otherwise how long to wait
	 */
	public Duration tryAttempt(String usernameKey, String clientAddress) {
		return this.buckets.tryTake("login:" + usernameKey + '|' + clientAddress, this.settings.loginLimit());
	}

	/**
	 * Takes one registration for this address.
	 * @return zero if the registration may proceed, otherwise how long to wait
	 */
	public Duration tryRegistration(String clientAddress) {
		return this.buckets.tryTake("register:" + clientAddress, this.settings.registerLimit());
	}

}
