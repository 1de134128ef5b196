package io.orderpulse.identity.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;

/**
 * Signing keys that are, or were, in OrderPulse's repository, by the SHA-256 of their
 * UTF-8 bytes: anyone can read them, so anyone could sign any token with them, and no
 * node accepts one. Add the fingerprint of every key string that ever lands in the
 * repository (configuration, scripts, tests, docs): {@code printf %s 'key' | sha256sum}.
 */
final class PublishedKeys {

	private static final Set<String> FINGERPRINTS = Set.of(
			// application.yml's development key until issue 22
			"50cdfc96a7ad85c9f57647cf0f57e537fd581d2521ca57842987c7c3cfbd358a",
			// SigningKeyGuardTests
			"f13fdcfa2811bc4a7be26ff75ade5c0a5185387f0a6a817a0f9ddf42df9a0dfc",
			// ClusterGuardTests
			"b9b8588ccf0cef4d99b8b76e2820be3ebede7851e23a449a04ed0f908054d96f",
			// TestApi's key for forged tokens
			"a86ae48a41ee2701db85d33331dade55b78623f8a6a036b428cb507859bb0f4d");

	private PublishedKeys() {
	}

	static boolean contains(String key) {
		return FINGERPRINTS.contains(fingerprint(key)) || FINGERPRINTS.contains(fingerprint(key.strip()));
	}

	static String fingerprint(String key) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
