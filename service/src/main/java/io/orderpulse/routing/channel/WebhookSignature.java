package io.orderpulse.routing.channel;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.jspecify.annotations.Nullable;

/**
 * The signature of a webhook request, for the sender and for receivers written in Java
 * (the class needs nothing but the JDK).
 * <p>
 * A request carries {@code X-OrderPulse-Timestamp: <epoch seconds>} and
 * {@code X-OrderPulse-Signature: sha256=<hex>}, where the hex is the lowercase
 * HMAC-SHA256, keyed with the UTF-8 bytes of the organization's secret, of
 * {@code <timestamp> + "." + <raw body>}. A receiver recomputes it over the raw body it
 * received, compares in constant time, and rejects a timestamp further than a few minutes
 * from its own clock, so a captured request cannot be replayed later.
 */
public final class WebhookSignature {

	/** The header with the time of signing, in epoch seconds. */
	public static final String TIMESTAMP_HEADER = "X-OrderPulse-Timestamp";

	/** The header with {@code sha256=<hex HMAC>}. */
	public static final String SIGNATURE_HEADER = "X-OrderPulse-Signature";

	/** How far a timestamp may be from the receiver's clock by default. */
	public static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);

	private static final String PREFIX = "sha256=";

	private static final String ALGORITHM = "HmacSHA256";

	private WebhookSignature() {
	}

	/**
	 * The value of the signature header for a body sent at {@code epochSeconds}.
	 */
	public static String sign(String secret, long epochSeconds, byte[] body) {
		return PREFIX + HexFormat.of().formatHex(hmac(secret, epochSeconds, body));
	}

	/**
	 * Whether a received request is genuine and fresh.
	 * @param secret the organization's webhook secret
	 * @param timestampHeader the {@value #TIMESTAMP_HEADER} header as received
	 * @param signatureHeader the {@value #SIGNATURE_HEADER} header as received
	 * @param body the raw body as received (not re-serialized)
	 * @param now the receiver's clock
	 * @param tolerance how far the timestamp may be from {@code now}, either way
	 */
	public static boolean verify(String secret, @Nullable String timestampHeader, @Nullable String signatureHeader,
			byte[] body, Instant now, Duration tolerance) {
		if (timestampHeader == null || signatureHeader == null || !signatureHeader.startsWith(PREFIX)) {
			return false;
		}
		long epochSeconds;
		byte[] given;
		try {
			epochSeconds = Long.parseLong(timestampHeader.strip());
			given = HexFormat.of().parseHex(signatureHeader.substring(PREFIX.length()).strip());
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
		if (Math.abs(now.getEpochSecond() - epochSeconds) > tolerance.toSeconds()) {
			return false;
		}
		return MessageDigest.isEqual(given, hmac(secret, epochSeconds, body));
	}

	private static byte[] hmac(String secret, long epochSeconds, byte[] body) {
		try {
			Mac mac = Mac.getInstance(ALGORITHM);
			mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM));
			mac.update((epochSeconds + ".").getBytes(StandardCharsets.US_ASCII));
			return mac.doFinal(body);
		}
		catch (NoSuchAlgorithmException | InvalidKeyException ex) {
			throw new IllegalStateException("HmacSHA256 is part of every JDK", ex);
		}
	}

}
