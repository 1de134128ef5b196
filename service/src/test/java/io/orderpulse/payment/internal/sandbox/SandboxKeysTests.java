package io.orderpulse.payment.internal.sandbox;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

import io.orderpulse.payment.internal.NotifySignatures;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The sandbox's keys: generated, or configured as PEM or Base64.
 */
class SandboxKeysTests {

	private final SandboxConfiguration configuration = new SandboxConfiguration(settings(null, null),
			new MockEnvironment());

	@Test
	void takesConfiguredKeysAsPemOrBase64() throws Exception {
		KeyPair pair = pair();
		String privateBase64 = Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded());
		String publicPem = "-----BEGIN PUBLIC KEY-----\n"
				+ Base64.getMimeEncoder().encodeToString(pair.getPublic().getEncoded())
				+ "\n-----END PUBLIC KEY-----\n";

		SandboxKeys keys = this.configuration.sandboxKeys(settings(privateBase64, publicPem));

		assertThat(keys.publicKey()).isEqualTo(pair.getPublic());
		assertThat(
				NotifySignatures.verify(NotifySignatures.sign(Map.of("a", "1"), keys.privateKey()), pair.getPublic()))
			.isTrue();
	}

	@Test
	void derivesThePublicKeyFromAConfiguredPrivateKey() throws Exception {
		KeyPair pair = pair();
		String privatePem = "-----BEGIN PRIVATE KEY-----\n"
				+ Base64.getMimeEncoder().encodeToString(pair.getPrivate().getEncoded())
				+ "\n-----END PRIVATE KEY-----";

		assertThat(this.configuration.sandboxKeys(settings(privatePem, null)).publicKey()).isEqualTo(pair.getPublic());
	}

	@Test
	void refusesKeysThatDoNotMatchOrAPublicKeyAlone() throws Exception {
		String privateBase64 = Base64.getEncoder().encodeToString(pair().getPrivate().getEncoded());
		String otherPublic = Base64.getEncoder().encodeToString(pair().getPublic().getEncoded());

		assertThatIllegalStateException()
			.isThrownBy(() -> this.configuration.sandboxKeys(settings(privateBase64, otherPublic)));
		assertThatIllegalStateException().isThrownBy(() -> this.configuration.sandboxKeys(settings(null, otherPublic)));
	}

	private static KeyPair pair() throws Exception {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
		generator.initialize(2048);
		return generator.generateKeyPair();
	}

	private static SandboxSettings settings(@Nullable String privateKey, @Nullable String publicKey) {
		return new SandboxSettings("sandbox-app", privateKey, publicKey, Duration.ZERO, null, 1, Duration.ofSeconds(1),
				true, false);
	}

}
