package io.orderpulse;

import java.net.http.HttpRequest.BodyPublishers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;

import io.orderpulse.TestApi.Response;
import io.orderpulse.identity.Role;
import io.orderpulse.identity.UserAccounts;
import io.orderpulse.identity.UserSummary;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The embedded default as {@code java -jar} starts it without configuration (no demo
 * profile): a signing key of its own, kept in its data directory so a restart keeps
 * people logged in, no key published in the repository accepted, no demo users, and no
 * sandbox payment gateway.
 */
@Tag("integration")
class SafeDefaultsTests {

	static final String PUBLISHED_DEVELOPMENT_KEY = "orderpulse-development-signing-key-do-not-use-in-production";

	@TempDir
	Path data;

	@Test
	void theJarDoesNotStartTheDemoUnlessAskedTo() throws Exception {
		List<PropertySource<?>> yaml = new YamlPropertySourceLoader().load("application.yml",
				new ClassPathResource("application.yml"));
		assertThat(yaml).allSatisfy(
				(source) -> assertThat(source.getProperty("spring.profiles.default")).as("spring.profiles.default")
					.isNull());
	}

	@Test
	void aFreshStartGeneratesItsOwnKeyAndARestartKeepsATokenValid() throws Exception {
		String token;
		try (ConfigurableApplicationContext first = start()) {
			TestApi api = api(first);
			assertThat(first.getBean(UserAccounts.class).findByUsername("alice")).as("no demo users").isEmpty();
			UserSummary user = api.createUser("Safe Defaults", "keeper", Role.BUYER);
			token = api.tokenFor(user);
			assertThat(api.get("/api/v1/users/me", token).status()).isEqualTo(200);

			Response published = api.get("/api/v1/users/me",
					api.tokenSignedWith(user.username(), PUBLISHED_DEVELOPMENT_KEY));
			assertThat(published.status()).as(published.toString()).isEqualTo(401);
			assertThat(published.json().get("type").asString()).isEqualTo("urn:orderpulse:problem:invalid-token");
		}
		Path key = this.data.resolve("jwt-signing.key");
		assertThat(key).exists();
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");

		try (ConfigurableApplicationContext second = start()) {
			Response me = api(second).get("/api/v1/users/me", token);
			assertThat(me.status()).as("a token issued before the restart: %s", me).isEqualTo(200);
		}
	}

	@Test
	void theSandboxGatewayIsOffWithoutTheDemoProfile() {
		try (ConfigurableApplicationContext context = start()) {
			TestApi api = api(context);
			Tenants.Tenant shop = new Tenants(context).create("No Sandbox");
			long product = shop.product("Dumplings", "12.00", 10);
			String key = "k-" + System.nanoTime();
			Response accepted = api.send(api.request("/api/v1/orders", shop.buyer())
				.header("Idempotency-Key", key)
				.POST(BodyPublishers
					.ofString("{\"items\": [{\"productId\": %d, \"quantity\": 1}]}".formatted(product))));
			assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
			long[] orderId = new long[1];
			await().atMost(Duration.ofSeconds(20)).until(() -> {
				Response state = api.get("/api/v1/orders/requests/" + key, shop.buyer());
				orderId[0] = state.json().path("orderId").asLong();
				return state.json().get("status").asString().equals("COMPLETED");
			});

			Response payment = api.post("/api/v1/orders/" + orderId[0] + "/payments", "{\"method\": \"SANDBOX\"}",
					shop.buyer());

			assertThat(payment.status()).as(payment.toString()).isEqualTo(409);
			assertThat(payment.json().get("type").asString())
				.isEqualTo("urn:orderpulse:problem:payment-method-unavailable");
			assertThat(api.get("/sandbox/pay/P20990101AAAAAAAAAAAAAAAA", null).status()).isEqualTo(404);
		}
	}

	private ConfigurableApplicationContext start() {
		return new SpringApplicationBuilder(OrderPulseApplication.class, TestApi.Configuration.class).profiles("test")
			.run("--server.port=0", "--orderpulse.database.embedded.data-dir=" + this.data.resolve("postgres"));
	}

	private static TestApi api(ConfigurableApplicationContext context) {
		return context.getBean(TestApi.class);
	}

}
