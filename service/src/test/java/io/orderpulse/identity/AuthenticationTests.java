package io.orderpulse.identity;

import java.time.Duration;
import java.util.List;

import io.orderpulse.IntegrationTest;
import io.orderpulse.TestApi;
import io.orderpulse.TestApi.Response;
import io.orderpulse.identity.internal.IdentitySettings;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class AuthenticationTests {

	@Autowired
	TestApi api;

	@Autowired
	IdentitySettings settings;

	@Test
	void logsInDemoUserAndReadsItself() {
		Response login = this.api.post("/api/v1/auth/login", """
				{"username": "alice", "password": "password"}
				""", null);

		assertThat(login.status()).isEqualTo(200);
		JsonNode body = login.json();
		assertThat(body.get("tokenType").asString()).isEqualTo("Bearer");
		assertThat(body.get("expiresIn").asLong()).isEqualTo(3600);
		assertThat(body.get("user").get("username").asString()).isEqualTo("alice");
		assertThat(body.get("user").get("displayName").asString()).isEqualTo("Alice Chen");
		assertThat(body.get("user").get("roles").get(0).asString()).isEqualTo("BUYER");
		assertThat(body.get("user").get("orgId").asLong()).isPositive();
		assertThat(body.get("user").has("shopId")).isTrue();

		Response me = this.api.get("/api/v1/users/me", body.get("accessToken").asString());
		assertThat(me.status()).isEqualTo(200);
		assertThat(me.json().get("id").asLong()).isEqualTo(body.get("user").get("id").asLong());
		assertThat(me.json().get("username").asString()).isEqualTo("alice");
		assertThat(me.json().has("passwordHash")).isFalse();
	}

	@Test
	void demoMerchantBelongsToTheDemoShop() {
		UserSummary merchant = this.api.user("merchant");

		assertThat(merchant.roles()).containsExactly(Role.MERCHANT);
		assertThat(merchant.shopId()).isNotNull();
		assertThat(this.api.user("alice").shopId()).isNull();
	}

	@Test
	void wrongPasswordAndUnknownUserGetTheSameAnswer() {
		Response wrongPassword = this.api.post("/api/v1/auth/login", """
				{"username": "bob", "password": "not-the-password"}
				""", null);
		Response unknownUser = this.api.post("/api/v1/auth/login", """
				{"username": "nobody-here", "password": "password"}
				""", null);

		assertThat(wrongPassword.status()).isEqualTo(401);
		assertThat(wrongPassword.contentType()).startsWith("application/problem+json");
		assertThat(unknownUser.status()).isEqualTo(401);
		assertThat(unknownUser.json().get("detail")).isEqualTo(wrongPassword.json().get("detail"));
		assertThat(wrongPassword.json().get("type").asString()).isEqualTo("urn:orderpulse:problem:bad-credentials");
	}

	@Test
	void registersBuyerInTheDefaultOrganizationWhoCanThenLogIn() {
		String username = "carol_" + System.nanoTime() % 1_000_000;
		Response registered = this.api.post("/api/v1/auth/register", """
				{"username": "%s", "password": "s3cret-pass", "displayName": "Carol"}
				""".formatted(username), null);

		assertThat(registered.status()).isEqualTo(201);
		assertThat(registered.json().get("roles").get(0).asString()).isEqualTo("BUYER");
		assertThat(registered.json().get("orgId").asLong()).isEqualTo(this.api.user("alice").orgId());
		assertThat(registered.headers().firstValue("Location"))
			.hasValue("/api/v1/users/" + registered.json().get("id").asLong());

		Response login = this.api.post("/api/v1/auth/login", """
				{"username": "%s", "password": "s3cret-pass"}
				""".formatted(username.toUpperCase()), null);
		assertThat(login.status()).isEqualTo(200);
		assertThat(login.json().get("user").get("displayName").asString()).isEqualTo("Carol");
	}

	@Test
	void refusesATakenUsernameRegardlessOfCase() {
		Response taken = this.api.post("/api/v1/auth/register", """
				{"username": "ALICE", "password": "another-password", "displayName": "Fake Alice"}
				""", null);

		assertThat(taken.status()).isEqualTo(409);
		assertThat(taken.json().get("type").asString()).isEqualTo("urn:orderpulse:problem:username-taken");
	}

	@Test
	void namesEachInvalidRegistrationField() {
		Response invalid = this.api.post("/api/v1/auth/register", """
				{"username": "a!", "password": "short"}
				""", null);

		assertThat(invalid.status()).isEqualTo(400);
		assertThat(invalid.contentType()).startsWith("application/problem+json");
		assertThat(fields(invalid)).containsExactlyInAnyOrder("username", "password");

		Response missing = this.api.post("/api/v1/auth/register", "{}", null);
		assertThat(missing.status()).isEqualTo(400);
		assertThat(fields(missing)).containsExactlyInAnyOrder("username", "password");
	}

	@Test
	void rateLimitsLoginAttemptsPerUsernameAndAddress() {
		String username = "guess-" + System.nanoTime();
		int attempts = this.settings.loginLimit().attempts();
		long started = System.nanoTime();
		int refused = 0;
		Response limited = this.api.post("/api/v1/auth/login", login(username, "guess"), null);
		while (limited.status() == 401 && refused <= 3 * attempts) {
			refused++;
			limited = this.api.post("/api/v1/auth/login", login(username, "guess" + refused), null);
		}
		// the bucket refills one attempt every per/attempts: a slow machine earns some
		Duration refill = this.settings.loginLimit().per().dividedBy(attempts);
		long earned = Duration.ofNanos(System.nanoTime() - started).dividedBy(refill);

		assertThat(refused).isBetween(attempts, attempts + (int) earned);
		assertThat(limited.status()).isEqualTo(429);
		assertThat(limited.json().get("type").asString()).isEqualTo("urn:orderpulse:problem:too-many-login-attempts");
		assertThat(Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 60L);
		// another username from the same address is not affected
		assertThat(this.api.post("/api/v1/auth/login", login("bob", "wrong-password"), null).status()).isEqualTo(401);
	}

	@Test
	void refusesAbsentForgedAndExpiredTokens() {
		Response absent = this.api.get("/api/v1/users/me", null);
		assertThat(absent.status()).isEqualTo(401);
		assertThat(absent.headers().firstValue("WWW-Authenticate"))
			.hasValueSatisfying((value) -> assertThat(value).startsWith("Bearer"));
		assertThat(absent.json().get("type").asString()).isEqualTo("urn:orderpulse:problem:authentication-required");

		String forged = this.api.forgedToken("alice");
		Response forgedAnswer = this.api.get("/api/v1/users/me", forged);
		assertThat(forgedAnswer.status()).isEqualTo(401);
		assertThat(forgedAnswer.json().get("type").asString()).isEqualTo("urn:orderpulse:problem:invalid-token");

		String expired = this.api.expiredToken("alice");
		Response expiredAnswer = this.api.get("/api/v1/users/me", expired);
		assertThat(expiredAnswer.status()).isEqualTo(401);
		assertThat(expiredAnswer.json().get("type").asString()).isEqualTo("urn:orderpulse:problem:token-expired");

		Response foreignIssuer = this.api.get("/api/v1/users/me", this.api.foreignIssuerToken("alice"));
		assertThat(foreignIssuer.status()).isEqualTo(401);
		assertThat(foreignIssuer.json().get("type").asString()).isEqualTo("urn:orderpulse:problem:invalid-token");

		Response garbage = this.api.get("/api/v1/users/me", "not.a.jwt");
		assertThat(garbage.status()).isEqualTo(401);
		assertThat(garbage.contentType()).startsWith("application/problem+json");
	}

	/**
	 * The development key that application.yml carried until issue 22: published, so
	 * anyone could mint any token with it.
	 */
	static final String PUBLISHED_DEVELOPMENT_KEY = "orderpulse-development-signing-key-do-not-use-in-production";

	@Test
	void refusesATokenSignedWithTheKeyPublishedInTheRepository() {
		Response answer = this.api.get("/api/v1/users/me",
				this.api.tokenSignedWith("alice", PUBLISHED_DEVELOPMENT_KEY));

		assertThat(answer.status()).as(answer.toString()).isEqualTo(401);
		assertThat(answer.json().get("type").asString()).isEqualTo("urn:orderpulse:problem:invalid-token");
	}

	@Test
	void refusesTokensWithoutExpiryOrIssuedAt() {
		for (String claim : List.of("exp", "iat")) {
			Response answer = this.api.get("/api/v1/users/me", this.api.tokenWithout("alice", claim));

			assertThat(answer.status()).as("without %s: %s", claim, answer).isEqualTo(401);
			assertThat(answer.json().get("type").asString()).isEqualTo("urn:orderpulse:problem:invalid-token");
		}
	}

	@Test
	void allowsASmallClockSkewOnExpiryButNoMore() {
		Response withinSkew = this.api.get("/api/v1/users/me",
				this.api.tokenExpiredFor("alice", Duration.ofSeconds(5)));
		assertThat(withinSkew.status()).as(withinSkew.toString()).isEqualTo(200);

		Response beyondSkew = this.api.get("/api/v1/users/me",
				this.api.tokenExpiredFor("alice", Duration.ofSeconds(45)));
		assertThat(beyondSkew.status()).as(beyondSkew.toString()).isEqualTo(401);
		assertThat(beyondSkew.json().get("type").asString()).isEqualTo("urn:orderpulse:problem:token-expired");
	}

	private static String login(String username, String password) {
		return """
				{"username": "%s", "password": "%s"}
				""".formatted(username, password);
	}

	static List<String> fields(Response problem) {
		return problem.json().get("errors").valueStream().map((error) -> error.get("field").asString()).toList();
	}

}
