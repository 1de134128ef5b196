package io.orderpulse;

import java.math.BigDecimal;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.orderpulse.TestApi.Response;
import io.orderpulse.catalog.Catalog;
import io.orderpulse.identity.Role;
import io.orderpulse.identity.UserSummary;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * PostgreSQL stopped under a running cluster node: a node on a PostgreSQL server of this
 * test's own ({@link PrivatePostgres}, stopped as a crash and started again on the same
 * port with its data) and the local Redis under a key prefix of its own. While the
 * database is away the API answers 503 problem details within the connection timeout (not
 * 500, not a hang), readiness is DOWN, and a refused order leaves nothing behind; once
 * the database is back the node is ready again by itself and the same order goes through
 * once. The figures are printed for docs/operations.md.
 */
@Tag("failure")
class DatabaseOutageTests {

	/** How long a request waits for a connection (profile {@code cluster}: 10 s). */
	private static final Duration CONNECTION_TIMEOUT = Duration.ofSeconds(3);

	/** The connection timeout and some slack. */
	private static final Duration BOUND = CONNECTION_TIMEOUT.plusSeconds(3);

	static PrivatePostgres postgres;

	static TwoNodes nodes;

	@BeforeAll
	static void start() {
		postgres = PrivatePostgres.start();
		try {
			Map<String, String> engines = new HashMap<>(postgres.datasource());
			// shorter than the default, to keep the test short: the bound is this setting
			engines.put("spring.datasource.hikari.connection-timeout", Long.toString(CONNECTION_TIMEOUT.toMillis()));
			nodes = TwoNodes.start(1, false, engines);
		}
		catch (RuntimeException ex) {
			postgres.close();
			throw ex;
		}
	}

	@AfterAll
	static void stop() {
		if (nodes != null) {
			nodes.close();
		}
		if (postgres != null) {
			postgres.close();
		}
	}

	@Test
	void theApiAnswers503ProblemDetailsWhileTheDatabaseIsDownWritesNothingAndRecoversByItself() throws Exception {
		TestApi api = nodes.apiA();
		UserSummary admin = api.createUser("Outage Org", "admin", Role.ADMIN);
		Catalog catalog = nodes.a().getBean(Catalog.class);
		long productId = catalog.addProduct(catalog.openShop(admin.orgId(), "Outage Shop"), "Outage Tea",
				new BigDecimal("2.00"), 10);
		UserSummary buyer = api.createUser("Outage Org", "buyer", Role.BUYER);
		String token = api.tokenFor(buyer);
		assertThat(place(api, token, "before-" + UUID.randomUUID(), productId).status()).isEqualTo(202);
		assertThat(api.get("/actuator/health/readiness", null).status()).isEqualTo(200);

		postgres.stop();
		long stoppedAt = System.nanoTime();
		String refusedKey = "during-" + UUID.randomUUID();
		List<Long> millis = new ArrayList<>();
		List<Response> responses = new ArrayList<>();
		for (HttpRequest.Builder request : List.of(order(api, token, refusedKey, productId),
				api.request("/api/v1/orders", token).GET(), api.request("/api/v1/products", token).GET(),
				api.request("/api/v1/auth/login", null)
					.POST(BodyPublishers
						.ofString("{\"username\":\"" + buyer.username() + "\",\"password\":\"password\"}")))) {
			long started = System.nanoTime();
			Response response = api.send(request.timeout(BOUND.plusSeconds(10)));
			millis.add((System.nanoTime() - started) / 1_000_000);
			responses.add(response);
		}
		for (Response response : responses) {
			assertThat(response.status()).as(response.toString()).isEqualTo(503);
			assertThat(response.contentType()).startsWith("application/problem+json");
			assertThat(response.json().get("type").asString()).endsWith("service-unavailable");
			assertThat(response.headers().firstValue("Retry-After")).hasValue("5");
		}
		assertThat(millis).allSatisfy((time) -> assertThat(time).isLessThan(BOUND.toMillis()));

		long readinessStarted = System.nanoTime();
		Response readiness = api.get("/actuator/health/readiness", null);
		long readinessMillis = (System.nanoTime() - readinessStarted) / 1_000_000;
		assertThat(readiness.status()).as("readiness while the database is down").isEqualTo(503);
		assertThat(readiness.json().get("status").asString()).isEqualTo("DOWN");
		assertThat(readinessMillis).isLessThan(BOUND.toMillis());
		long downMillis = (System.nanoTime() - stoppedAt) / 1_000_000;

		postgres.startAgain();
		long backAt = System.nanoTime();
		await().atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(100))
			.until(() -> api.get("/actuator/health/readiness", null).status() == 200);
		long readyMillis = (System.nanoTime() - backAt) / 1_000_000;
		await().atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(100))
			.until(() -> api.get("/api/v1/orders", token).status() == 200);
		long apiMillis = (System.nanoTime() - backAt) / 1_000_000;

		// nothing of the refused order was written: no request, no outbox entry, no
		// stock taken
		assertThat(count("select count(*) from order_requests where request_id = ?", refusedKey)).isZero();
		assertThat(
				count("select count(*) from event_publication where serialized_event like ?", "%" + refusedKey + "%"))
			.isZero();
		assertThat(count("select stock from products where id = ?", productId)).isEqualTo(9);
		// the buyer sends it again: it goes through, once
		assertThat(place(api, token, refusedKey, productId).status()).isEqualTo(202);
		await().atMost(Duration.ofSeconds(20))
			.until(() -> api.get("/api/v1/orders/requests/" + refusedKey, token).json(),
					(state) -> "COMPLETED".equals(state.path("status").asString()));
		assertThat(count("select count(*) from orders where request_id = ?", refusedKey)).isEqualTo(1);
		assertThat(count("select stock from products where id = ?", productId)).isEqualTo(8);

		System.out.printf("FAILURE PostgreSQL stopped (immediate) for %d ms: %d API requests answered 503 problem "
				+ "details in %s ms (order, order list, products, login), readiness DOWN in %d ms, nothing written "
				+ "by the refused order; after the restart readiness UP in %d ms and the API answering in %d ms; "
				+ "the refused order sent again was processed once%n", downMillis, responses.size(), millis,
				readinessMillis, readyMillis, apiMillis);
	}

	private static Response place(TestApi api, String token, String key, long productId) {
		return api.send(order(api, token, key, productId));
	}

	private static HttpRequest.Builder order(TestApi api, String token, String key, long productId) {
		return api.request("/api/v1/orders", token)
			.header("Idempotency-Key", key)
			.POST(BodyPublishers.ofString("{\"items\": [{\"productId\": %d, \"quantity\": 1}]}".formatted(productId)));
	}

	private static long count(String sql, Object parameter) throws SQLException {
		try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl(), "postgres", "");
				PreparedStatement statement = connection.prepareStatement(sql)) {
			statement.setObject(1, parameter);
			try (ResultSet rs = statement.executeQuery()) {
				rs.next();
				return rs.getLong(1);
			}
		}
	}

}
