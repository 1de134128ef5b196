package io.orderpulse.payment.internal.sandbox;

import java.security.PrivateKey;
import java.security.PublicKey;

/**
 * The sandbox's RSA key pair: it signs notifies with the private key; the service
 * verifies them with the public key, which is all it gets.
 *
 * @param privateKey the sandbox's signing key
 * @param publicKey the key notifies are verified with
 */
public record SandboxKeys(PrivateKey privateKey, PublicKey publicKey) {

	@Override
	public String toString() {
		return "SandboxKeys[publicKey=" + this.publicKey.getAlgorithm() + "]";
	}

}
