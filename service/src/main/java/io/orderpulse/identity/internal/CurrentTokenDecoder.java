package io.orderpulse.identity.internal;

import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidationException;

/**
 * Decodes a bearer token (through the decoding cache) and then checks that it was not
 * revoked ({@link AccessRevocations}). The check sits outside the cache on purpose: a
 * token seen before is checked on every request like a new one.
 */
final class CurrentTokenDecoder implements JwtDecoder {

	private final JwtDecoder decoder;

	private final AccessRevocations revocations;

	CurrentTokenDecoder(JwtDecoder decoder, AccessRevocations revocations) {
		this.decoder = decoder;
		this.revocations = revocations;
	}

	@Override
	public Jwt decode(String token) {
		Jwt jwt = this.decoder.decode(token);
		OAuth2TokenValidatorResult result = this.revocations.validate(jwt);
		if (result.hasErrors()) {
			throw new JwtValidationException("An error occurred while attempting to decode the Jwt: "
					+ result.getErrors().iterator().next().getDescription(), result.getErrors());
		}
		return jwt;
	}

}
