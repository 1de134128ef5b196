package io.orderpulse.identity.internal;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import com.nimbusds.jose.jwk.source.ImmutableSecret;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;
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

	@Bean
	SecretKey tokenSigningKey(IdentitySettings settings, Environment environment) {
		byte[] secret = settings.jwtSecret().getBytes(StandardCharsets.UTF_8);
		if (environment.matchesProfiles("cluster") && settings.usesDevelopmentKey()) {
			throw new IllegalStateException("Profile 'cluster' refuses the built-in development signing key: "
					+ "set ORDERPULSE_JWT_SECRET to a secret of at least 32 random bytes "
					+ "(for example: openssl rand -base64 48)");
		}
		if (secret.length < 32) {
			throw new IllegalStateException(
					"orderpulse.identity.jwt-secret (ORDERPULSE_JWT_SECRET) must be at least 32 bytes long for HS256");
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
		// issuer such as "orderpulse" throws (and is caught) on every request, a few
		// percent of the server's CPU under load (async-profiler, orders benchmark).
		decoder.setClaimSetConverter(
				MappedJwtClaimSetConverter.withDefaults(Map.of(JwtClaimNames.ISS, (issuer) -> issuer.toString())));
		return decoder;
	}

	/**
	 * What a correctly signed token must satisfy: not expired, not before its time, our
	 * issuer.
	 */
	static OAuth2TokenValidator<Jwt> validator(IdentitySettings settings) {
		return JwtValidators.createDefaultWithIssuer(settings.tokenIssuer());
	}

}
