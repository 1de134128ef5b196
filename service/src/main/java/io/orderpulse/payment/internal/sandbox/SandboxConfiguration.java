package io.orderpulse.payment.internal.sandbox;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Map;

import io.orderpulse.payment.internal.NotifySignatures;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * The sandbox gateway, on only when {@code orderpulse.payment.sandbox.enabled} (profile
 * {@code demo} sets it): anyone who can open a trade with it pays without money. Profile
 * {@code cluster} refuses it unless {@code allow-in-cluster} is set too. Its key pair is
 * configured, or generated at startup (RSA 2048), which is fine because the sandbox and
 * the service that verifies its notifies start together.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(SandboxSettings.ENABLED)
class SandboxConfiguration {

	private static final Logger log = LoggerFactory.getLogger(SandboxConfiguration.class);

	SandboxConfiguration(SandboxSettings settings, Environment environment) {
		if (environment.matchesProfiles("cluster") && !settings.allowInCluster()) {
			throw new IllegalStateException("Profile 'cluster' refuses orderpulse.payment.sandbox.enabled=true: "
					+ "the sandbox gateway settles payments without money. Set "
					+ "orderpulse.payment.sandbox.allow-in-cluster=true as well to run it in a cluster on purpose.");
		}
		log.warn("The sandbox payment gateway is on: buyers pay SANDBOX payments without money. Not for production.");
	}

	@Bean
	SandboxKeys sandboxKeys(SandboxSettings settings) throws GeneralSecurityException {
		KeyFactory rsa = KeyFactory.getInstance("RSA");
		String privateText = settings.privateKey();
		String publicText = settings.publicKey();
		SandboxKeys keys;
		if (!StringUtils.hasText(privateText)) {
			if (StringUtils.hasText(publicText)) {
				throw new IllegalStateException("orderpulse.payment.sandbox.public-key is set without the private key");
			}
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048);
			KeyPair pair = generator.generateKeyPair();
			log.info("Generated the sandbox gateway's RSA key pair");
			keys = new SandboxKeys(pair.getPrivate(), pair.getPublic());
		}
		else {
			PrivateKey privateKey = rsa.generatePrivate(new PKCS8EncodedKeySpec(decode(privateText)));
			PublicKey publicKey = StringUtils.hasText(publicText)
					? rsa.generatePublic(new X509EncodedKeySpec(decode(publicText))) : publicKeyOf(privateKey, rsa);
			keys = new SandboxKeys(privateKey, publicKey);
		}
		Map<String, String> probe = NotifySignatures.sign(Map.of("probe", "1"), keys.privateKey());
		if (!NotifySignatures.verify(probe, keys.publicKey())) {
			throw new IllegalStateException("the sandbox's public key does not match its private key");
		}
		return keys;
	}

	private static PublicKey publicKeyOf(PrivateKey privateKey, KeyFactory rsa) throws GeneralSecurityException {
		if (!(privateKey instanceof RSAPrivateCrtKey crt)) {
			throw new IllegalStateException("set orderpulse.payment.sandbox.public-key too");
		}
		BigInteger exponent = crt.getPublicExponent();
		return rsa.generatePublic(new RSAPublicKeySpec(crt.getModulus(), exponent));
	}

	/**
	 * The DER bytes of a PEM block or of Base64 text.
	 */
	static byte[] decode(@Nullable String text) {
		if (text == null) {
			throw new IllegalArgumentException("no key");
		}
		if (text.contains("RSA PRIVATE KEY")) {
			throw new IllegalArgumentException("PKCS#1 keys are not supported: convert with "
					+ "'openssl pkcs8 -topk8 -nocrypt' to PKCS#8 (BEGIN PRIVATE KEY)");
		}
		String base64 = text.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
		return Base64.getDecoder().decode(base64.getBytes(StandardCharsets.US_ASCII));
	}

}
