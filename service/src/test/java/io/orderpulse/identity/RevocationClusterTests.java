package io.orderpulse.identity;

import java.time.Duration;
import java.util.Map;

import io.orderpulse.TestApi;
import io.orderpulse.TestApi.Response;
import io.orderpulse.TwoNodes;
import io.orderpulse.realtime.Destinations;
import io.orderpulse.realtime.RawStompSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Revocation across two cluster-mode nodes: an admin on node A disables a user whose
 * token node B has already accepted (and cached) and whose socket is on node B; node B
 * refuses the token and closes the socket at once. The bootstrap admin is configured to
 * be a PLATFORM_ADMIN, the only way to one.
 */
@Tag("external")
class RevocationClusterTests {

	static TwoNodes nodes;

	@BeforeAll
	static void start() {
		nodes = TwoNodes.start(2, false, Map.of("orderpulse.bootstrap.admin.platform-admin", "true"));
	}

	@AfterAll
	static void stop() {
		if (nodes != null) {
			nodes.close();
		}
	}

	@Test
	void aUserDisabledThroughNodeAIsRefusedAndDisconnectedByNodeB() throws Exception {
		TestApi a = nodes.apiA();
		TestApi b = nodes.apiB();
		String admin = a
			.post("/api/v1/auth/login",
					"{\"username\":\"" + TwoNodes.ADMIN + "\",\"password\":\"" + TwoNodes.ADMIN_PASSWORD + "\"}", null)
			.json()
			.get("accessToken")
			.asString();
		String username = "cluster-user-" + System.nanoTime();
		Response created = a.post("/api/v1/admin/users", """
				{"username": "%s", "password": "cluster-pass-1", "roles": ["BUYER"]}
				""".formatted(username), admin);
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		long userId = created.json().get("id").asLong();
		Response login = b.post("/api/v1/auth/login",
				"{\"username\":\"" + username + "\",\"password\":\"cluster-pass-1\"}", null);
		String token = login.json().get("accessToken").asString();

		try (RawStompSocket onB = RawStompSocket.subscribed(b.ws(), token, Destinations.ORDER_UPDATES)) {
			assertThat(b.get("/api/v1/users/me", token).status()).as("accepted and cached by node B").isEqualTo(200);

			Response disabled = a.post("/api/v1/admin/users/" + userId + "/disable", null, admin);
			assertThat(disabled.status()).as(disabled.toString()).isEqualTo(200);

			RevocationTests.assertClosedAsRevoked(onB);
			RevocationTests.assertRevoked(b.get("/api/v1/users/me", token));
			RevocationTests.assertRevoked(a.get("/api/v1/users/me", token));
		}
	}

	@Test
	void theBootstrapConfigurationMakesAPlatformAdminAndNoApiDoes() {
		Response login = nodes.apiA()
			.post("/api/v1/auth/login",
					"{\"username\":\"" + TwoNodes.ADMIN + "\",\"password\":\"" + TwoNodes.ADMIN_PASSWORD + "\"}", null);
		assertThat(login.json().get("user").get("roles").toString()).isEqualTo("[\"ADMIN\",\"PLATFORM_ADMIN\"]");
		Response created = nodes.apiB().post("/api/v1/admin/users", """
				{"username": "%s", "password": "long-enough", "roles": ["ADMIN", "PLATFORM_ADMIN"]}
				""".formatted("second-platform-" + System.nanoTime()), login.json().get("accessToken").asString());
		assertThat(created.status()).as(created.toString()).isEqualTo(403);
	}

	@Test
	void aLogoutThroughNodeBEndsTheSessionOnNodeA() throws Exception {
		TestApi a = nodes.apiA();
		TestApi b = nodes.apiB();
		Response login = a.post("/api/v1/auth/login",
				"{\"username\":\"" + TwoNodes.ADMIN + "\",\"password\":\"" + TwoNodes.ADMIN_PASSWORD + "\"}", null);
		String token = login.json().get("accessToken").asString();
		try (RawStompSocket onA = RawStompSocket.subscribed(a.ws(), token, Destinations.ORDER_UPDATES)) {
			assertThat(a.get("/api/v1/users/me", token).status()).isEqualTo(200);

			assertThat(b.post("/api/v1/auth/logout", null, token).status()).isEqualTo(204);

			RevocationTests.assertClosedAsRevoked(onA);
			assertThat(onA.poll(Duration.ofMillis(100))).isNull();
			RevocationTests.assertRevoked(a.get("/api/v1/users/me", token));
		}
	}

}
