package io.orderpulse.identity;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import io.orderpulse.IntegrationTest;
import io.orderpulse.TestApi;
import io.orderpulse.TestApi.Response;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.core.env.Environment;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.web.ErrorResponseException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * How passwords are stored and which ones are accepted: long passphrases in any script,
 * old bcrypt hashes still valid (and upgraded), weak passwords refused, registrations
 * limited per client address.
 */
@IntegrationTest
class PasswordTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Autowired
	TestApi api;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	UserAccounts accounts;

	@Autowired
	Organizations organizations;

	@Autowired
	Environment environment;

	@Test
	void aPassphraseOfAHundredBytesOfMultiByteCharactersRegistersAndLogsIn() {
		String passphrase = "密码短语".repeat(8) + "ok-pass";
		assertThat(passphrase.getBytes(StandardCharsets.UTF_8)).hasSize(103);
		String username = unique("long");

		Response registered = this.api.post("/api/v1/auth/register", register(username, passphrase), null);
		assertThat(registered.status()).as(registered.toString()).isEqualTo(201);

		Response login = this.api.post("/api/v1/auth/login", login(username, passphrase), null);
		assertThat(login.status()).as(login.toString()).isEqualTo(200);
		Response wrong = this.api.post("/api/v1/auth/login", login(username, passphrase + "x"), null);
		assertThat(wrong.status()).isEqualTo(401);
	}

	@Test
	void aPasswordOverTheLimitIsRefusedNamingTheLimitInBytes() {
		// 100 characters, 300 bytes
		Response refused = this.api.post("/api/v1/auth/register", register(unique("over"), "€".repeat(100)), null);

		assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
		assertThat(errors(refused)).containsExactly("password: must be at most 256 bytes (UTF-8)");
	}

	@Test
	void aUserWithAnOldBcryptHashStillLogsInAndTheHashIsUpgraded() {
		long orgId = this.organizations.ensure("Password Org");
		String username = unique("legacy");
		UserSummary user = this.accounts
			.create(new NewUser(orgId, username, "a-strong-passphrase", "Legacy", Set.of(Role.BUYER), null));
		this.jdbc.sql("update users set password_hash = ? where id = ?")
			.params("{bcrypt}" + new BCryptPasswordEncoder().encode("an-old-bcrypt-password"), user.id())
			.update();

		Response login = this.api.post("/api/v1/auth/login", login(username, "an-old-bcrypt-password"), null);

		assertThat(login.status()).as(login.toString()).isEqualTo(200);
		assertThat(hashOf(user)).startsWith("{argon2}");
		Response again = this.api.post("/api/v1/auth/login", login(username, "an-old-bcrypt-password"), null);
		assertThat(again.status()).isEqualTo(200);
	}

	@Test
	void newPasswordsAreHashedWithArgon2id() {
		String username = unique("fresh");
		this.api.post("/api/v1/auth/register", register(username, "a-fresh-passphrase"), null);

		assertThat(hashOf(this.api.user(username))).startsWith("{argon2}$argon2id$v=19$m=7168,t=5,p=1$");
	}

	@Test
	void shortAndCommonPasswordsAreRefusedSayingWhy() {
		assertThat(errors(this.api.post("/api/v1/auth/register", register(unique("weak"), "12345678"), null)))
			.containsExactly("password: must be at least 10 characters");
		assertThat(errors(this.api.post("/api/v1/auth/register", register(unique("weak"), "password"), null)))
			.containsExactly("password: must be at least 10 characters");
		assertThat(errors(this.api.post("/api/v1/auth/register", register(unique("weak"), "Tr0ub4dor"), null)))
			.containsExactly("password: must be at least 10 characters");
		for (String common : List.of("1234567890", "qwertyuiop", "password123", "Password123")) {
			assertThat(errors(this.api.post("/api/v1/auth/register", register(unique("weak"), common), null)))
				.as(common)
				.containsExactly("password: is one of the most common passwords");
		}
	}

	@Test
	void anAdminCannotGiveAUserACommonPassword() {
		UserSummary admin = this.api.createUser("Password Org", "admin", Role.ADMIN);
		Response refused = this.api.post("/api/v1/admin/users", """
				{"username": "%s", "password": "iloveyou12", "roles": ["BUYER"]}
				""".formatted(unique("staff")), this.api.tokenFor(admin));

		assertThat(errors(refused)).containsExactly("password: is one of the most common passwords");
	}

	@Test
	void everyPathThatSetsAPasswordAppliesThePolicy() {
		long orgId = this.organizations.ensure("Password Org");

		assertThatThrownBy(() -> this.accounts
			.create(new NewUser(orgId, unique("direct"), "1234567890", "Direct", Set.of(Role.ADMIN), null)))
			.isInstanceOfSatisfying(ErrorResponseException.class, (refused) -> {
				assertThat(refused.getStatusCode().value()).isEqualTo(400);
				assertThat(String.valueOf(refused.getBody().getProperties())).contains("password",
						"is one of the most common passwords");
			});
	}

	@Test
	void registrationsAreLimitedPerClientAddress() throws Exception {
		InetAddress address = InetAddress.getByName("127.0.0." + ThreadLocalRandom.current().nextInt(2, 250));
		InetAddress other = InetAddress.getByName("127.0.1." + ThreadLocalRandom.current().nextInt(2, 250));
		int attempts = this.environment.getRequiredProperty("orderpulse.identity.register-limit.attempts",
				Integer.class);
		for (int i = 0; i < attempts; i++) {
			Response registered = registerFrom(address, register(unique("many"), "a-fine-passphrase"));
			assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
		}

		Response limited = registerFrom(address, register(unique("many"), "a-fine-passphrase"));

		assertThat(limited.status()).as(limited.toString()).isEqualTo(429);
		assertThat(limited.json().get("type").asString()).isEqualTo("urn:orderpulse:problem:too-many-registrations");
		assertThat(Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow())).isPositive();
		assertThat(registerFrom(other, register(unique("other"), "a-fine-passphrase")).status()).isEqualTo(201);
	}

	private Response registerFrom(InetAddress local, String json) throws IOException, InterruptedException {
		try (HttpClient client = HttpClient.newBuilder().localAddress(local).build()) {
			URI uri = URI.create(this.api.uri("/api/v1/auth/register").toString().replace("localhost", "127.0.0.1"));
			var response = client.send(HttpRequest.newBuilder(uri)
				.header("Content-Type", "application/json")
				.POST(BodyPublishers.ofString(json))
				.build(), BodyHandlers.ofString());
			return new Response(response.statusCode(), response.headers(), response.body());
		}
	}

	private String hashOf(UserSummary user) {
		return this.jdbc.sql("select password_hash from users where id = ?")
			.param(user.id())
			.query(String.class)
			.single();
	}

	static List<String> errors(Response problem) {
		assertThat(problem.status()).as(problem.toString()).isEqualTo(400);
		JsonNode errors = problem.json().get("errors");
		assertThat(errors).as(problem.toString()).isNotNull();
		return errors.valueStream()
			.map((error) -> error.get("field").asString() + ": " + error.get("message").asString())
			.toList();
	}

	static String unique(String prefix) {
		return prefix + "-" + Long.toString(System.nanoTime(), 36);
	}

	static String register(String username, String password) {
		return JSON.writeValueAsString(Map.of("username", username, "password", password));
	}

	static String login(String username, String password) {
		return JSON.writeValueAsString(Map.of("username", username, "password", password));
	}

}
