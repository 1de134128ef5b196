package io.orderpulse.identity.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidationException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RepeatedTokenDecoderTests {

	final AtomicInteger verifications = new AtomicInteger();

	final AtomicBoolean expired = new AtomicBoolean();

	/** Verifies "good" tokens (counting), refuses every other one as a bad signature. */
	final JwtDecoder verifier = (token) -> {
		this.verifications.incrementAndGet();
		if (!token.startsWith("good")) {
			throw new BadJwtException("Signed JWT rejected: Invalid signature");
		}
		return Jwt.withTokenValue(token)
			.header("alg", "HS256")
			.subject("42")
			.issuedAt(Instant.now())
			.expiresAt(Instant.now().plusSeconds(60))
			.build();
	};

	final RepeatedTokenDecoder decoder = new RepeatedTokenDecoder(this.verifier,
			(jwt) -> this.expired.get()
					? OAuth2TokenValidatorResult
						.failure(new OAuth2Error("invalid_token", "Jwt expired at " + jwt.getExpiresAt(), null))
					: OAuth2TokenValidatorResult.success(),
			100, Duration.ofMinutes(10));

	@Test
	void aTokenSeenBeforeIsNotVerifiedAgain() {
		Jwt first = this.decoder.decode("good-token");
		Jwt again = this.decoder.decode("good-token");

		assertThat(again).isSameAs(first);
		assertThat(this.verifications).hasValue(1);
		assertThat(this.decoder.decode("good-other").getTokenValue()).isEqualTo("good-other");
		assertThat(this.verifications).hasValue(2);
	}

	@Test
	void aTokenThatDiffersInAnyCharacterIsVerifiedAfresh() {
		this.decoder.decode("good-token");

		assertThatThrownBy(() -> this.decoder.decode("good-token".replace("good", "forged")))
			.isInstanceOf(BadJwtException.class);
		assertThat(this.verifications).hasValue(2);
	}

	@Test
	void aTokenSeenBeforeThatHasExpiredIsRefusedAsTheVerifierWould() {
		this.decoder.decode("good-token");
		this.expired.set(true);

		assertThatThrownBy(() -> this.decoder.decode("good-token")).isInstanceOf(JwtValidationException.class)
			.hasMessageContaining("expired");
		this.expired.set(false);
		this.decoder.decode("good-token");
		assertThat(this.verifications).as("verified again after the refusal").hasValue(2);
	}

}
