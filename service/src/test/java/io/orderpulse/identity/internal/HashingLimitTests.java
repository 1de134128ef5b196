package io.orderpulse.identity.internal;

import java.time.Duration;

import io.orderpulse.IntegrationTest;
import io.orderpulse.TestApi;
import io.orderpulse.TestApi.Response;
import io.orderpulse.identity.Role;
import io.orderpulse.identity.UserSummary;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A login that cannot get one of the bounded password-hashing slots within the wait bound
 * is answered 503 {@code service-unavailable} with Retry-After, not held on to and never
 * a 500; once slots are free the same login works.
 */
@IntegrationTest
class HashingLimitTests {

	@Autowired
	TestApi api;

	@Autowired
	BoundedPasswordEncoder encoder;

	@Test
	void aLoginThatFindsEveryHashingSlotTakenIsAnswered503WithRetryAfter() {
		UserSummary user = this.api.createUser("Hashing Org " + System.nanoTime(), "busy", Role.BUYER);
		String credentials = "{\"username\":\"" + user.username() + "\",\"password\":\"password\"}";
		int taken = this.encoder.permits.drainPermits();
		Response refused;
		long started = System.nanoTime();
		try {
			refused = this.api.post("/api/v1/auth/login", credentials, null);
		}
		finally {
			this.encoder.permits.release(taken);
		}
		assertThat(taken).isPositive();
		assertThat(refused.status()).as(refused.toString()).isEqualTo(503);
		assertThat(refused.contentType()).startsWith("application/problem+json");
		assertThat(refused.json().get("type").asString()).isEqualTo("urn:orderpulse:problem:service-unavailable");
		assertThat(refused.headers().firstValue("Retry-After"))
			.hasValueSatisfying((seconds) -> assertThat(Integer.parseInt(seconds)).isBetween(1, 10));
		assertThat(Duration.ofNanos(System.nanoTime() - started)).as("waited for a slot first")
			.isGreaterThanOrEqualTo(Duration.ofSeconds(4));

		Response login = this.api.post("/api/v1/auth/login", credentials, null);
		assertThat(login.status()).as(login.toString()).isEqualTo(200);
	}

}
