package io.orderpulse.identity.internal;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the identity module.
 *
 * @param defaultOrganization the organization self-registered users join (created on
 * first use)
 * @param jwtSecret the HMAC key that signs access tokens (HS256, at least 32 bytes);
 * blank: the embedded default generates one and keeps it in its data directory, a node
 * without a data directory of its own (profile {@code cluster}, an external database)
 * refuses to start. A key published in the repository is refused in every profile.
 * @param tokenTtl how long an access token is valid
 * @param tokenIssuer the {@code iss} claim issued and required
 * @param clockSkew how far a token's {@code exp}, {@code nbf} and {@code iat} may be off
 * between the node that issued it and the one that checks it
 * @param loginLimit how many login attempts one username may make from one address
 * @param registerLimit how many registrations one client address may make
 * @param maxConcurrentHashes how many password hashes (Argon2id, 7 MiB and about a tenth
 * of a second of a core each) a node runs at once, for logins, registrations and password
 * changes; unset: twice the available processors
 * @param maxHashWait how long a login waits for one of those before it is answered 503
 * {@code service-unavailable} with {@code Retry-After}
 */
@ConfigurationProperties("orderpulse.identity")
public record IdentitySettings(@DefaultValue("Default Org") String defaultOrganization, @Nullable String jwtSecret,
		@DefaultValue("1h") Duration tokenTtl, @DefaultValue("orderpulse") String tokenIssuer,
		@DefaultValue("30s") Duration clockSkew, @DefaultValue LoginLimit loginLimit,
		@DefaultValue RegisterLimit registerLimit, @Nullable Integer maxConcurrentHashes,
		@DefaultValue("5s") Duration maxHashWait) {

	@Override
	public String toString() {
		return "IdentitySettings[defaultOrganization=" + this.defaultOrganization + ", jwtSecret=***, tokenTtl="
				+ this.tokenTtl + ", tokenIssuer=" + this.tokenIssuer + ", clockSkew=" + this.clockSkew
				+ ", loginLimit=" + this.loginLimit + ", registerLimit=" + this.registerLimit + ", maxConcurrentHashes="
				+ this.maxConcurrentHashes + ", maxHashWait=" + this.maxHashWait + "]";
	}

	/**
	 * How many password hashes run at once: {@link #maxConcurrentHashes()}, or twice the
	 * available processors if that is not set.
	 */
	public int concurrentHashes() {
		return (this.maxConcurrentHashes != null) ? this.maxConcurrentHashes
				: 2 * Runtime.getRuntime().availableProcessors();
	}

	/**
	 * A token bucket per username and client address.
	 *
	 * @param attempts login attempts one username may make from one client address at
	 * once (the bucket's capacity)
	 * @param per the time in which the login bucket refills completely
	 */
	public record LoginLimit(@DefaultValue("10") int attempts,
			@DefaultValue("1m") Duration per) implements AttemptLimit {
	}

	/**
	 * A token bucket per client address for registrations.
	 *
	 * @param attempts registrations one client address may make at once (the bucket's
	 * capacity)
	 * @param per the time in which the registration bucket refills completely
	 */
	public record RegisterLimit(@DefaultValue("5") int attempts,
			@DefaultValue("10m") Duration per) implements AttemptLimit {
	}

	/**
	 * A token bucket's size: {@code attempts}, refilled evenly over {@code per}.
	 */
	public interface AttemptLimit {

		int attempts();

		Duration per();

	}

}
