package io.orderpulse.identity.internal;

import java.util.UUID;

import com.nimbusds.jwt.SignedJWT;
import io.orderpulse.IntegrationTest;
import io.orderpulse.TestApi;
import io.orderpulse.TestApi.Response;
import io.orderpulse.identity.Role;
import io.orderpulse.identity.UserSummary;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The cleanup of login sessions: a session no token can use any more (expired, or
 * revoked, past the clock-skew allowance and a margin) loses its row, and a token naming
 * a session whose row is gone is refused, even by a node that accepted it a moment ago;
 * live sessions keep theirs.
 */
@IntegrationTest
class SessionCleanupTests {

	@Autowired
	TestApi api;

	@Autowired
	SessionCleanup cleanup;

	@Autowired
	JdbcClient jdbc;

	@Test
	void expiredAndLongRevokedSessionsAreDeletedAndTheirTokensStayRefusedWhileLiveOnesSurvive() throws Exception {
		UserSummary user = this.api.createUser("Cleanup Org " + System.nanoTime(), "sessions", Role.BUYER);
		String old = this.api.tokenFor(user);
		String loggedOut = this.api.tokenFor(user);
		String fresh = this.api.tokenFor(user);
		String justLoggedOut = this.api.tokenFor(user);
		assertThat(this.api.get("/api/v1/users/me", old).status()).as("accepted and cached").isEqualTo(200);
		assertThat(this.api.post("/api/v1/auth/logout", null, loggedOut).status()).isEqualTo(204);
		assertThat(this.api.post("/api/v1/auth/logout", null, justLoggedOut).status()).isEqualTo(204);
		// the old session's token expired a day ago (this one is signed to expire later,
		// so
		// only the session row decides); the logged-out one was revoked two days ago
		this.jdbc.sql("""
				update user_sessions set created_at = now() - interval '2 days', expires_at = now() - interval '1 day'
				where id = ?""").param(sessionOf(old)).update();
		this.jdbc.sql("update user_sessions set revoked_at = now() - interval '2 days' where id = ?")
			.param(sessionOf(loggedOut))
			.update();

		this.cleanup.purge();

		assertThat(exists(old)).as("expired session").isFalse();
		assertThat(exists(loggedOut)).as("long revoked session").isFalse();
		assertThat(exists(fresh)).as("live session").isTrue();
		assertThat(exists(justLoggedOut)).as("just revoked session, kept for the margin").isTrue();
		Response refused = this.api.get("/api/v1/users/me", old);
		assertThat(refused.status()).as(refused.toString()).isEqualTo(401);
		assertThat(refused.json().get("type").asString()).isEqualTo("urn:orderpulse:problem:token-revoked");
		assertThat(this.api.get("/api/v1/users/me", loggedOut).status()).isEqualTo(401);
		assertThat(this.api.get("/api/v1/users/me", fresh).status()).isEqualTo(200);
	}

	@Test
	void theCleanupRunsUnderItsClusterWideLock() {
		this.cleanup.purge();

		assertThat(this.jdbc.sql("select count(*) from shedlock where name = 'identity.purgeSessions'")
			.query(Integer.class)
			.single()).isEqualTo(1);
	}

	private boolean exists(String token) throws Exception {
		return this.jdbc.sql("select count(*) from user_sessions where id = ?")
			.param(sessionOf(token))
			.query(Integer.class)
			.single() == 1;
	}

	private static UUID sessionOf(String token) throws Exception {
		return UUID.fromString(SignedJWT.parse(token).getJWTClaimsSet().getStringClaim("sid"));
	}

}
