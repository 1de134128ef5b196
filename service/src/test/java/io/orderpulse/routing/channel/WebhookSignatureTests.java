package io.orderpulse.routing.channel;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The webhook signature as receivers check it.
 */
class WebhookSignatureTests {

	private static final String SECRET = "whsec_test";

	private static final byte[] BODY = "{\"id\":1}".getBytes(StandardCharsets.UTF_8);

	private static final Instant SIGNED = Instant.ofEpochSecond(1_700_000_000L);

	/**
	 * Computed with Python's {@code hmac.new(b"whsec_test", b'1700000000.{"id":1}',
	 * hashlib.sha256).hexdigest()}, as docs/message-routing.md's receiver example does.
	 */
	private static final String EXPECTED = "sha256=2f441ba4b3b2d50d28a9ab9d9fd8880376ecd1eb5d0435401553f5d8d0a5dcf8";

	@Test
	void theSignatureIsTheHexHmacOfTheTimestampADotAndTheBody() {
		assertThat(WebhookSignature.sign(SECRET, SIGNED.getEpochSecond(), BODY)).isEqualTo(EXPECTED);
	}

	@Test
	void aFreshGenuineRequestVerifiesWithinTheToleranceEitherWay() {
		Duration tolerance = WebhookSignature.DEFAULT_TOLERANCE;
		assertThat(WebhookSignature.verify(SECRET, "1700000000", EXPECTED, BODY, SIGNED, tolerance)).isTrue();
		assertThat(WebhookSignature.verify(SECRET, "1700000000", EXPECTED, BODY, SIGNED.plus(tolerance), tolerance))
			.isTrue();
		assertThat(WebhookSignature.verify(SECRET, "1700000000", EXPECTED, BODY, SIGNED.minus(tolerance), tolerance))
			.as("a receiver whose clock is behind")
			.isTrue();
		assertThat(WebhookSignature.verify(SECRET, "1700000000", EXPECTED.toUpperCase().replace("SHA256=", "sha256="),
				BODY, SIGNED, tolerance))
			.as("hex in either case")
			.isTrue();
	}

	@Test
	void replaysForgeriesAndMalformedHeadersAreRejected() {
		Duration tolerance = WebhookSignature.DEFAULT_TOLERANCE;
		Instant now = SIGNED;
		assertThat(WebhookSignature.verify(SECRET, "1700000000", EXPECTED, BODY, SIGNED.plus(tolerance).plusSeconds(1),
				tolerance))
			.as("a replay after the tolerance")
			.isFalse();
		assertThat(WebhookSignature.verify(SECRET, "1700000001", EXPECTED, BODY, now, tolerance))
			.as("a changed timestamp")
			.isFalse();
		assertThat(WebhookSignature.verify(SECRET, "1700000000", EXPECTED,
				"{\"id\":2}".getBytes(StandardCharsets.UTF_8), now, tolerance))
			.as("a changed body")
			.isFalse();
		assertThat(WebhookSignature.verify("whsec_other", "1700000000", EXPECTED, BODY, now, tolerance))
			.as("another secret")
			.isFalse();
		assertThat(WebhookSignature.verify(SECRET, null, EXPECTED, BODY, now, tolerance)).isFalse();
		assertThat(WebhookSignature.verify(SECRET, "1700000000", null, BODY, now, tolerance)).isFalse();
		assertThat(WebhookSignature.verify(SECRET, "yesterday", EXPECTED, BODY, now, tolerance)).isFalse();
		assertThat(WebhookSignature.verify(SECRET, "1700000000", EXPECTED.substring("sha256=".length()), BODY, now,
				tolerance))
			.as("without the scheme")
			.isFalse();
		assertThat(WebhookSignature.verify(SECRET, "1700000000", "sha256=zz", BODY, now, tolerance)).isFalse();
		assertThat(WebhookSignature.verify(SECRET, "1700000000", "sha256=", BODY, now, tolerance)).isFalse();
	}

}
