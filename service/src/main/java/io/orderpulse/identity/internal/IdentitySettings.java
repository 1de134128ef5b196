package io.orderpulse.identity.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the identity module.
 *
 * @param defaultOrganization the organization self-registered users join (created on
 * first use)
 * @param jwtSecret the HMAC key that signs access tokens (HS256, at least 32 bytes); the
 * built-in development key is refused in profile {@code cluster}
 * @param tokenTtl how long an access token is valid
 * @param tokenIssuer the {@code iss} claim issued and required
 * @param loginLimit how many login attempts one username may make from one address
 * @param registerLimit how many registrations one client address may make
 */
@ConfigurationProperties("orderpulse.identity")
public record IdentitySettings(@DefaultValue("Default Org") String defaultOrganization,
		@DefaultValue(DEVELOPMENT_KEY) String jwtSecret, @DefaultValue("1h") Duration tokenTtl,
		@DefaultValue("orderpulse") String tokenIssuer, @DefaultValue LoginLimit loginLimit,
		@DefaultValue RegisterLimit registerLimit) {

	/**
	 * The signing key used when none is configured: fine on a laptop, refused in cluster
	 * mode.
	 */
	public static final String DEVELOPMENT_KEY = "orderpulse-development-signing-key-do-not-use-in-production";

	public boolean usesDevelopmentKey() {
		return DEVELOPMENT_KEY.equals(this.jwtSecret);
	}

	/**
	 * A token bucket per username and client address.
	 *
	 * @param attempts the bucket's capacity
	 * @param per the time in which the whole capacity refills
	 */
	public record LoginLimit(@DefaultValue("10") int attempts,
			@DefaultValue("1m") Duration per) implements AttemptLimit {
	}

	/**
	 * A token bucket per client address for registrations.
	 *
	 * @param attempts the bucket's capacity
	 * @param per the time in which the whole capacity refills
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
