package io.orderpulse.identity.internal;

import java.time.Duration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidationException;

/**
 * Verifies an HTTP request's bearer token once per token instead of once per request: a
 * client sends the same token with every request until it expires, and verifying it (the
 * HMAC, parsing the header and the claims) is a measurable share of a request's filter
 * chain (docs/decisions/0007-cheaper-request-path.md). A token seen before is only
 * validated again (expiry, not-before, issuer: what can change with time), so an expired
 * token is refused exactly as the first time. Keyed by the whole token, signature
 * included, so a token that differs in any character is verified afresh. The cache is
 * bounded ({@code maximumSize} tokens, each kept for {@code idle} after its last use).
 */
final class RepeatedTokenDecoder implements JwtDecoder {

	private final JwtDecoder decoder;

	private final OAuth2TokenValidator<Jwt> validator;

	private final Cache<String, Jwt> verified;

	RepeatedTokenDecoder(JwtDecoder decoder, OAuth2TokenValidator<Jwt> validator, long maximumSize, Duration idle) {
		this.decoder = decoder;
		this.validator = validator;
		this.verified = Caffeine.newBuilder().maximumSize(maximumSize).expireAfterAccess(idle).build();
	}

	@Override
	public Jwt decode(String token) {
		Jwt jwt = this.verified.getIfPresent(token);
		if (jwt == null) {
			jwt = this.decoder.decode(token);
			this.verified.put(token, jwt);
			return jwt;
		}
		OAuth2TokenValidatorResult result = this.validator.validate(jwt);
		if (result.hasErrors()) {
			this.verified.invalidate(token);
			// the message NimbusJwtDecoder gives, which the problem details read
			throw new JwtValidationException("An error occurred while attempting to decode the Jwt: "
					+ result.getErrors().iterator().next().getDescription(), result.getErrors());
		}
		return jwt;
	}

}
