package io.orderpulse.identity;

import java.time.Duration;

import io.orderpulse.IntegrationTest;
import io.orderpulse.TestApi;
import io.orderpulse.TestApi.Response;
import io.orderpulse.realtime.Destinations;
import io.orderpulse.realtime.RawStompSocket;
import io.orderpulse.realtime.RawStompSocket.Frame;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Revocation from the attacker's side: a disabled, deleted or demoted user's token, and a
 * logged-out session's, stop working at once, over HTTP and on the live socket.
 */
@IntegrationTest
class RevocationTests {

	private static final String PASSWORD = "revocation-pass-1";

	@Autowired
	TestApi api;

	String organization;

	String adminToken;

	@BeforeEach
	void organization() {
		this.organization = "Revocation Org " + System.nanoTime();
		this.adminToken = this.api.tokenFor(this.api.createUser(this.organization, "admin", Role.ADMIN));
	}

	@Test
	void aDemotedAdminsOldTokenCanNoLongerCreateAnAdmin() {
		UserSummary rogue = this.api.createUser(this.organization, "rogue", Role.ADMIN);
		String rogueToken = this.api.tokenFor(rogue);
		assertThat(this.api.get("/api/v1/users/me", rogueToken).status()).isEqualTo(200);

		Response demoted = this.api.put("/api/v1/admin/users/" + rogue.id() + "/roles", "{\"roles\":[\"BUYER\"]}",
				this.adminToken);
		assertThat(demoted.status()).as(demoted.toString()).isEqualTo(200);

		Response created = this.api.post("/api/v1/admin/users", """
				{"username": "%s", "password": "long-enough", "roles": ["ADMIN"]}
				""".formatted("rogue-friend-" + System.nanoTime()), rogueToken);
		assertRevoked(created);
	}

	@Test
	void aDisabledUsersTokenIsRefusedItsSocketClosedAndItCannotLogInUntilEnabled() throws Exception {
		UserSummary user = createUser("disabled");
		String token = login(user.username());
		try (RawStompSocket socket = RawStompSocket.subscribed(this.api.ws(), token, Destinations.ORDER_UPDATES)) {
			assertThat(this.api.get("/api/v1/users/me", token).status()).isEqualTo(200);

			Response disabled = this.api.post("/api/v1/admin/users/" + user.id() + "/disable", null, this.adminToken);
			assertThat(disabled.status()).as(disabled.toString()).isEqualTo(200);
			assertThat(disabled.json().get("disabled").asBoolean()).isTrue();

			assertRevoked(this.api.get("/api/v1/users/me", token));
			assertClosedAsRevoked(socket);
			assertRefusedConnect(token);
			Response login = loginResponse(user.username());
			assertThat(login.status()).isEqualTo(401);
			assertThat(login.json().get("type").asString()).isEqualTo("urn:orderpulse:problem:bad-credentials");
		}

		Response enabled = this.api.post("/api/v1/admin/users/" + user.id() + "/enable", null, this.adminToken);
		assertThat(enabled.status()).as(enabled.toString()).isEqualTo(200);
		assertThat(enabled.json().get("disabled").asBoolean()).isFalse();
		assertRevoked(this.api.get("/api/v1/users/me", token));
		assertThat(this.api.get("/api/v1/users/me", login(user.username())).status()).isEqualTo(200);
	}

	@Test
	void aDeletedUsersTokenIsRefusedItsSocketClosedItCannotLogInAndItsNameStaysTaken() throws Exception {
		UserSummary user = createUser("deleted");
		String token = login(user.username());
		try (RawStompSocket socket = RawStompSocket.subscribed(this.api.ws(), token, Destinations.ORDER_UPDATES)) {
			Response deleted = this.api.delete("/api/v1/admin/users/" + user.id(), this.adminToken);
			assertThat(deleted.status()).as(deleted.toString()).isEqualTo(204);

			assertRevoked(this.api.get("/api/v1/users/me", token));
			assertClosedAsRevoked(socket);
		}
		assertThat(loginResponse(user.username()).status()).isEqualTo(401);
		assertThat(this.api.post("/api/v1/admin/users/" + user.id() + "/enable", null, this.adminToken).status())
			.as("a deleted user is gone")
			.isEqualTo(404);
		Response again = this.api.post("/api/v1/admin/users", """
				{"username": "%s", "password": "long-enough", "roles": ["BUYER"]}
				""".formatted(user.username()), this.adminToken);
		assertThat(again.status()).as("the name stays taken").isEqualTo(409);
	}

	@Test
	void logoutEndsThatSessionOnlyAndClosesItsSocket() throws Exception {
		UserSummary user = createUser("twice");
		String phone = login(user.username());
		String laptop = login(user.username());
		try (RawStompSocket phoneSocket = RawStompSocket.subscribed(this.api.ws(), phone, Destinations.ORDER_UPDATES);
				RawStompSocket laptopSocket = RawStompSocket.subscribed(this.api.ws(), laptop,
						Destinations.ORDER_UPDATES)) {
			Response logout = this.api.post("/api/v1/auth/logout", null, phone);
			assertThat(logout.status()).as(logout.toString()).isEqualTo(204);

			assertRevoked(this.api.get("/api/v1/users/me", phone));
			assertClosedAsRevoked(phoneSocket);
			assertThat(this.api.get("/api/v1/users/me", laptop).status()).isEqualTo(200);
			assertThat(laptopSocket.isClosed()).isFalse();
			laptopSocket.sendFrame("SUBSCRIBE",
					java.util.Map.of("id", "s2", "destination", Destinations.MESSAGES, "receipt", "r-s2"), "");
			assertThat(laptopSocket.next().command()).isEqualTo("RECEIPT");
		}
	}

	@Test
	void anotherOrganizationsAdminCannotTouchYourUsers() {
		UserSummary user = createUser("target");
		String token = this.api.tokenFor(user);
		String intruder = this.api
			.tokenFor(this.api.createUser("Intruder Org " + System.nanoTime(), "intruder", Role.ADMIN));

		for (Response attempt : new Response[] {
				this.api.post("/api/v1/admin/users/" + user.id() + "/disable", null, intruder),
				this.api.post("/api/v1/admin/users/" + user.id() + "/enable", null, intruder),
				this.api.put("/api/v1/admin/users/" + user.id() + "/roles", "{\"roles\":[\"ADMIN\"]}", intruder),
				this.api.delete("/api/v1/admin/users/" + user.id(), intruder) }) {
			assertThat(attempt.status()).as(attempt.toString()).isEqualTo(404);
			assertThat(attempt.json().get("type").asString()).isEqualTo("urn:orderpulse:problem:user-not-found");
		}
		assertThat(this.api.get("/api/v1/users/me", token).status()).isEqualTo(200);
		assertThat(this.api.user(user.username()).roles()).containsExactly(Role.BUYER);
	}

	@Test
	void onlyAdminsManageUsersAndNotThemselves() {
		UserSummary user = createUser("plain");
		String buyer = this.api.tokenFor(createUser("other"));
		assertThat(this.api.post("/api/v1/admin/users/" + user.id() + "/disable", null, buyer).status()).isEqualTo(403);

		UserSummary admin = this.api.createUser(this.organization, "self", Role.ADMIN);
		String token = this.api.tokenFor(admin);
		Response self = this.api.post("/api/v1/admin/users/" + admin.id() + "/disable", null, token);
		assertThat(self.status()).as(self.toString()).isEqualTo(409);
		assertThat(self.json().get("type").asString()).isEqualTo("urn:orderpulse:problem:own-account");
		assertThat(this.api.get("/api/v1/users/me", token).status()).isEqualTo(200);
	}

	private UserSummary createUser(String prefix) {
		String username = prefix + "-" + Long.toString(System.nanoTime(), 36);
		Response created = this.api.post("/api/v1/admin/users", """
				{"username": "%s", "password": "%s", "roles": ["BUYER"]}
				""".formatted(username, PASSWORD), this.adminToken);
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		return this.api.user(username);
	}

	private Response loginResponse(String username) {
		return this.api.post("/api/v1/auth/login",
				"{\"username\":\"" + username + "\",\"password\":\"" + PASSWORD + "\"}", null);
	}

	private String login(String username) {
		Response login = loginResponse(username);
		assertThat(login.status()).as(login.toString()).isEqualTo(200);
		return login.json().get("accessToken").asString();
	}

	static void assertRevoked(Response response) {
		assertThat(response.status()).as(response.toString()).isEqualTo(401);
		assertThat(response.contentType()).startsWith("application/problem+json");
		assertThat(response.json().get("type").asString()).isEqualTo("urn:orderpulse:problem:token-revoked");
	}

	static void assertClosedAsRevoked(RawStompSocket socket) throws Exception {
		Frame error = socket.poll(Duration.ofSeconds(10));
		assertThat(error).as("an ERROR frame").isNotNull();
		assertThat(error.command()).as(error.toString()).isEqualTo("ERROR");
		assertThat(error.header("message")).isEqualTo("Session revoked");
		assertThat(socket.awaitClose()).isGreaterThan(1000);
	}

	private void assertRefusedConnect(String token) throws Exception {
		try (RawStompSocket socket = RawStompSocket.open(this.api.ws())) {
			socket.connect(token, "0,0");
			Frame error = socket.next();
			assertThat(error.command()).isEqualTo("ERROR");
			assertThat(error.header("message")).isEqualTo("Session revoked");
			assertThat(socket.awaitClose()).isGreaterThan(1000);
		}
	}

}
