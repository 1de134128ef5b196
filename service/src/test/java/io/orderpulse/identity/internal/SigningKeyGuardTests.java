package io.orderpulse.identity.internal;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import com.nimbusds.jose.jwk.source.ImmutableSecret;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Which signing key a node starts with: never one published in the repository; one of its
 * own, generated and kept in its data directory, when none is configured; none at all
 * where it has no data directory of its own.
 */
class SigningKeyGuardTests {

	/**
	 * Every key string that is or was in the repository (application.yml, tests,
	 * scripts), in the clear: they sign the tokens these tests expect refused.
	 */
	static final List<String> PUBLISHED_KEYS = List.of("orderpulse-development-signing-key-do-not-use-in-production",
			"0123456789abcdef0123456789abcdef-own-key", "a-test-only-signing-key-of-more-than-32-bytes",
			"a-completely-different-signing-key-of-32-bytes+");

	private final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(Settings.class,
			TokenConfiguration.class);

	/** The embedded default with a throw-away data directory, as the tests run it. */
	private final ApplicationContextRunner embeddedThrowAway = this.runner
		.withPropertyValues("orderpulse.database.embedded.enabled=true", "orderpulse.database.embedded.data-dir=");

	@Test
	void generatesAStrongKeyOfItsOwnWhenNoneIsConfigured() {
		AtomicReference<byte[]> first = new AtomicReference<>();
		this.embeddedThrowAway.run((context) -> {
			assertThat(context).hasNotFailed();
			byte[] key = context.getBean(SecretKey.class).getEncoded();
			assertThat(key).hasSizeGreaterThanOrEqualTo(32);
			first.set(key);
			for (String published : PUBLISHED_KEYS) {
				assertThatExceptionOfType(JwtException.class).as(published)
					.isThrownBy(() -> context.getBean(JwtDecoder.class).decode(token(published, null)));
			}
		});
		this.embeddedThrowAway.run((context) -> assertThat(context.getBean(SecretKey.class).getEncoded())
			.as("a throw-away data directory: a key of this run only")
			.isNotEqualTo(first.get()));
	}

	@Test
	void keepsTheGeneratedKeyInTheDataDirectoryReadableByItsOwnerOnly(@TempDir Path data) throws Exception {
		ApplicationContextRunner kept = this.runner.withPropertyValues("orderpulse.database.embedded.enabled=true",
				"orderpulse.database.embedded.data-dir=" + data.resolve("postgres"));
		AtomicReference<byte[]> first = new AtomicReference<>();
		kept.run((context) -> {
			assertThat(context).hasNotFailed();
			first.set(context.getBean(SecretKey.class).getEncoded());
		});
		Path file = data.resolve("jwt-signing.key");
		assertThat(file).exists();
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");

		kept.run((context) -> {
			assertThat(context.getBean(SecretKey.class).getEncoded()).isEqualTo(first.get());
			String issuedBefore = token(new String(first.get(), StandardCharsets.UTF_8), null);
			assertThat(context.getBean(JwtDecoder.class).decode(issuedBefore).getSubject()).isEqualTo("42");
		});
	}

	@ParameterizedTest
	@ValueSource(strings = { "default", "demo", "cluster" })
	void refusesEveryKeyPublishedInTheRepository(String profile) {
		for (String published : PUBLISHED_KEYS) {
			this.embeddedThrowAway
				.withPropertyValues("spring.profiles.active=" + profile, "orderpulse.identity.jwt-secret=" + published)
				.run((context) -> {
					assertThat(context).as(published).hasFailed();
					assertThat(context.getStartupFailure()).rootCause()
						.hasMessageContaining("published")
						.hasMessageContaining("openssl rand -base64 48");
				});
		}
	}

	@Test
	void refusesToStartWithoutAKeyWhereThereIsNoDataDirectoryOfItsOwn() {
		for (String profile : List.of("default", "cluster")) {
			this.runner
				.withPropertyValues("spring.profiles.active=" + profile, "orderpulse.database.embedded.enabled=false")
				.run((context) -> {
					assertThat(context).as(profile).hasFailed();
					assertThat(context.getStartupFailure()).rootCause()
						.hasMessageContaining("ORDERPULSE_JWT_SECRET")
						.hasMessageContaining("openssl rand -base64 48");
				});
		}
	}

	@Test
	void clusterProfileAcceptsAKeyOfItsOwn() {
		String key = randomKey();
		this.runner
			.withPropertyValues("spring.profiles.active=cluster", "orderpulse.database.embedded.enabled=false",
					"orderpulse.identity.jwt-secret=" + key)
			.run((context) -> {
				assertThat(context).hasNotFailed().hasBean("jwtDecoder");
				assertThat(context.getBean(JwtDecoder.class).decode(token(key, null)).getSubject()).isEqualTo("42");
			});
	}

	@Test
	void refusesAKeyTooShortForHs256() {
		this.runner.withPropertyValues("orderpulse.identity.jwt-secret=short").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("at least 32 bytes");
		});
	}

	@Test
	void refusesTokensWithoutExpiryOrIssuedAt() {
		String key = randomKey();
		this.runner.withPropertyValues("orderpulse.identity.jwt-secret=" + key).run((context) -> {
			JwtDecoder decoder = context.getBean(JwtDecoder.class);
			assertThat(decoder.decode(token(key, null)).getSubject()).isEqualTo("42");
			for (String claim : List.of("exp", "iat")) {
				assertThatExceptionOfType(JwtException.class).as(claim)
					.isThrownBy(() -> decoder.decode(token(key, claim)))
					.withMessageContaining(claim);
			}
		});
	}

	static String randomKey() {
		byte[] bytes = new byte[48];
		new SecureRandom().nextBytes(bytes);
		return Base64.getEncoder().encodeToString(bytes);
	}

	/**
	 * A token for user 42 signed with the key, valid for ten minutes, maybe without a
	 * claim.
	 */
	static String token(String key, @Nullable String without) {
		var encoder = new NimbusJwtEncoder(
				new ImmutableSecret<>(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256")));
		Instant now = Instant.now();
		JwtClaimsSet.Builder claims = JwtClaimsSet.builder()
			.issuer("orderpulse")
			.subject("42")
			.issuedAt(now)
			.expiresAt(now.plus(Duration.ofMinutes(10)));
		if (without != null) {
			claims.claims((all) -> all.remove(without));
		}
		return encoder.encode(JwtEncoderParameters.from(JwsHeader.with(MacAlgorithm.HS256).build(), claims.build()))
			.getTokenValue();
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(IdentitySettings.class)
	static class Settings {

	}

}
