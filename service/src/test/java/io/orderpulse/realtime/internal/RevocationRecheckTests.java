package io.orderpulse.realtime.internal;

import java.time.Duration;
import java.util.UUID;

import com.nimbusds.jwt.SignedJWT;
import io.orderpulse.IntegrationTest;
import io.orderpulse.TestApi;
import io.orderpulse.identity.Role;
import io.orderpulse.identity.UserSummary;
import io.orderpulse.realtime.Destinations;
import io.orderpulse.realtime.RawStompSocket;
import io.orderpulse.realtime.RawStompSocket.Frame;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A revocation whose message this node missed (cluster mode, Redis pub/sub is at most
 * once): the change is made in the database only, no event and no cache eviction, as a
 * node that missed it sees it. The gateway's periodic re-check of its live sessions
 * (every {@code orderpulse.realtime.revocation-check-interval}, called here directly)
 * closes the revoked ones, and only those.
 */
@IntegrationTest
class RevocationRecheckTests {

	@Autowired
	TestApi api;

	@Autowired
	SessionRevocation revocation;

	@Autowired
	JdbcClient jdbc;

	@Test
	void aSocketWhoseUserWasDemotedWithoutAMessageIsClosedByTheRecheckAndOthersStayOpen() throws Exception {
		String organization = "Recheck Org " + System.nanoTime();
		UserSummary demoted = this.api.createUser(organization, "demoted", Role.BUYER);
		UserSummary bystander = this.api.createUser(organization, "bystander", Role.BUYER);
		String token = this.api.tokenFor(demoted);
		String bystanderToken = this.api.tokenFor(bystander);
		try (RawStompSocket socket = RawStompSocket.subscribed(this.api.ws(), token, Destinations.ORDER_UPDATES);
				RawStompSocket other = RawStompSocket.subscribed(this.api.ws(), bystanderToken,
						Destinations.ORDER_UPDATES)) {
			assertThat(this.api.get("/api/v1/users/me", token).status()).as("accepted and cached").isEqualTo(200);

			this.jdbc.sql("update users set token_version = token_version + 1 where id = ?")
				.param(demoted.id())
				.update();
			assertThat(this.api.get("/api/v1/users/me", token).status())
				.as("the cache has not heard of the change: the lost message")
				.isEqualTo(200);

			this.revocation.recheck();

			assertClosedAsRevoked(socket);
			assertThat(this.api.get("/api/v1/users/me", token).status())
				.as("what the re-check found is forgotten by the cache too")
				.isEqualTo(401);
			assertThat(other.poll(Duration.ofMillis(300))).isNull();
			assertThat(other.isClosed()).isFalse();
			assertThat(this.api.get("/api/v1/users/me", bystanderToken).status()).isEqualTo(200);
		}
	}

	@Test
	void aSocketWhoseSessionWasEndedOrDeletedWithoutAMessageIsClosedByTheRecheck() throws Exception {
		String organization = "Recheck Org " + System.nanoTime();
		UserSummary user = this.api.createUser(organization, "twice", Role.BUYER);
		String loggedOut = this.api.tokenFor(user);
		String purged = this.api.tokenFor(user);
		String kept = this.api.tokenFor(user);
		try (RawStompSocket loggedOutSocket = RawStompSocket.subscribed(this.api.ws(), loggedOut,
				Destinations.ORDER_UPDATES);
				RawStompSocket purgedSocket = RawStompSocket.subscribed(this.api.ws(), purged,
						Destinations.ORDER_UPDATES);
				RawStompSocket keptSocket = RawStompSocket.subscribed(this.api.ws(), kept,
						Destinations.ORDER_UPDATES)) {
			this.jdbc.sql("update user_sessions set revoked_at = now(), revoked_reason = 'logout' where id = ?")
				.param(sessionOf(loggedOut))
				.update();
			this.jdbc.sql("delete from user_sessions where id = ?").param(sessionOf(purged)).update();

			this.revocation.recheck();

			assertClosedAsRevoked(loggedOutSocket);
			assertClosedAsRevoked(purgedSocket);
			assertThat(keptSocket.poll(Duration.ofMillis(300))).isNull();
			assertThat(keptSocket.isClosed()).isFalse();
		}
	}

	private static UUID sessionOf(String token) throws Exception {
		return UUID.fromString(SignedJWT.parse(token).getJWTClaimsSet().getStringClaim("sid"));
	}

	private static void assertClosedAsRevoked(RawStompSocket socket) throws Exception {
		Frame error = socket.poll(Duration.ofSeconds(10));
		assertThat(error).as("an ERROR frame").isNotNull();
		assertThat(error.command()).as(error.toString()).isEqualTo("ERROR");
		assertThat(error.header("message")).isEqualTo("Session revoked");
		assertThat(socket.awaitClose()).isGreaterThan(1000);
	}

}
