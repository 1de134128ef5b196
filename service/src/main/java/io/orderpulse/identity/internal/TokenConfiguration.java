package io.orderpulse.identity.internal;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import com.nimbusds.jose.jwk.source.ImmutableSecret;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.MappedJwtClaimSetConverter;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

/**
 * Signs and verifies access tokens with one HMAC key (HS256), so every node that shares
 * the key accepts every other node's tokens.
 */
@Configuration(proxyBeanMethods = false)
class TokenConfiguration {

	/**
	 * The key that signs and verifies tokens: see {@link SigningKeys} for where it comes
	 * from.
	 */
	@Bean
	SecretKey tokenSigningKey(IdentitySettings settings, Environment environment) {
		byte[] secret = SigningKeys.resolve(settings.jwtSecret(), environment).getBytes(StandardCharsets.UTF_8);
		if (secret.length < 32) {
			throw new IllegalStateException(
					"orderpulse.identity.jwt-secret (ORDERPULSE_JWT_SECRET) must be at least 32 bytes long for HS256: "
							+ SigningKeys.HOW_TO_MAKE_ONE);
		}
		return new SecretKeySpec(secret, "HmacSHA256");
	}

	@Bean
	JwtEncoder jwtEncoder(SecretKey tokenSigningKey) {
		return new NimbusJwtEncoder(new ImmutableSecret<>(tokenSigningKey));
	}

	@Bean
	JwtDecoder jwtDecoder(SecretKey tokenSigningKey, IdentitySettings settings) {
		NimbusJwtDecoder decoder = NimbusJwtDecoder.withSecretKey(tokenSigningKey)
			.macAlgorithm(MacAlgorithm.HS256)
			.build();
		decoder.setJwtValidator(validator(settings));
		// The issuer stays a string: by default it is converted to a URL, which for an
		// issuer such as "orderpulse" throws (and is caught) on every request
		// (docs/decisions/0007-cheaper-request-path.md).
		decoder.setClaimSetConverter(
				MappedJwtClaimSetConverter.withDefaults(Map.of(JwtClaimNames.ISS, (issuer) -> issuer.toString())));
		return decoder;
	}

	/**
	 * What a correctly signed token must satisfy: an expiry ({@code exp}) and an issue
	 * time ({@code iat}, not in the future), not expired, not before its time, our
	 * issuer; times allow the configured clock skew. {@link RepeatedTokenDecoder} checks
	 * a token it has seen before against the same rules.
	 */
	static OAuth2TokenValidator<Jwt> validator(IdentitySettings settings) {
		Duration skew = settings.clockSkew();
		return JwtValidators.createDefaultWithValidators(
				List.of(required(JwtClaimNames.EXP, (jwt) -> true), required(JwtClaimNames.IAT, (jwt) -> {
					Instant issued = jwt.getIssuedAt();
					return issued != null && !issued.isAfter(Instant.now().plus(skew));
				}), new JwtTimestampValidator(skew), new JwtIssuerValidator(settings.tokenIssuer())));
	}

	/**
	 * A claim the token must have, and what must hold of it.
	 */
	private static OAuth2TokenValidator<Jwt> required(String claim, Predicate<Jwt> valid) {
		OAuth2Error missing = new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN, "The token has no " + claim + " claim",
				"https://tools.ietf.org/html/rfc6750#section-3.1");
		OAuth2Error invalid = new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN,
				"The token's " + claim + " claim is not valid", "https://tools.ietf.org/html/rfc6750#section-3.1");
		return (jwt) -> {
			if (!jwt.hasClaim(claim)) {
				return OAuth2TokenValidatorResult.failure(missing);
			}
			return valid.test(jwt) ? OAuth2TokenValidatorResult.success() : OAuth2TokenValidatorResult.failure(invalid);
		};
	}

}
