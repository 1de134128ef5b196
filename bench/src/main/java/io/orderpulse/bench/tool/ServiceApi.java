package io.orderpulse.bench.tool;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The service's HTTP API as the tool uses it: login, the benchmark endpoints and the
 * actuator metrics.
 */
final class ServiceApi {

	static final int MAX_USERS_PER_CALL = 20_000;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

	private final URI base;

	private @Nullable String token;

	ServiceApi(URI base) {
		this.base = base;
	}

	/**
	 * A user of the benchmark, with its access token.
	 */
	record BenchUser(long id, String username, String token) {
	}

	void useToken(String token) {
		this.token = token;
	}

	void login(String username, String password) {
		JsonNode response = call("POST", "/api/v1/auth/login", Map.of("username", username, "password", password),
				false);
		this.token = response.get("accessToken").asString();
	}

	/**
	 * Creates {@code count} users {@code prefix-1...}, in calls of at most 20,000.
	 */
	List<BenchUser> createUsers(String prefix, int count) {
		List<BenchUser> users = new ArrayList<>(count);
		for (int batch = 0; users.size() < count; batch++) {
			int size = Math.min(MAX_USERS_PER_CALL, count - users.size());
			JsonNode response = call("POST", "/api/v1/bench/users",
					Map.of("count", size, "prefix", prefix + ((batch == 0) ? "" : "b" + batch)), true);
			response.get("users")
				.forEach((user) -> users.add(new BenchUser(user.get("id").asLong(), user.get("username").asString(),
						user.get("token").asString())));
		}
		return users;
	}

	/**
	 * Logs in as another user and returns its token, leaving this client's own token as
	 * it is.
	 */
	String tokenOf(String username, String password) {
		return call("POST", "/api/v1/auth/login", Map.of("username", username, "password", password), false)
			.get("accessToken")
			.asString();
	}

	/**
	 * Lists a product in the shop of the merchant whose token is given.
	 * @return the product's id
	 */
	long createProduct(String merchantToken, String name, String price, int stock) {
		String previous = this.token;
		this.token = merchantToken;
		try {
			return call("POST", "/api/v1/merchant/products", Map.of("name", name, "price", price, "stock", stock), true)
				.get("id")
				.asLong();
		}
		finally {
			this.token = previous;
		}
	}

	/**
	 * Creates a flash-sale session open from now for ten minutes with one item.
	 * @return the item's id
	 */
	long createFlashSale(long productId, String flashPrice, int stock) {
		java.time.Instant now = java.time.Instant.now();
		Map<String, Object> item = Map.of("productId", productId, "flashPrice", flashPrice, "stock", stock);
		JsonNode created = call("POST", "/api/v1/admin/flash-sales", Map.of("name", "Bench " + now, "startTime",
				now.minusSeconds(1).toString(), "endTime", now.plusSeconds(600).toString(), "items", List.of(item)),
				true);
		return created.get("items").get(0).get("itemId").asLong();
	}

	JsonNode publish(Map<String, Object> request) {
		return call("POST", "/api/v1/bench/publish", request, true);
	}

	JsonNode broadcast(int count, int ratePerSecond) {
		return call("POST", "/api/v1/bench/broadcast", Map.of("count", count, "ratePerSecond", ratePerSecond), true);
	}

	JsonNode run(String runId) {
		return call("GET", "/api/v1/bench/runs/" + runId, null, true);
	}

	/**
	 * A value of an actuator metric, or -1 if the metric is not there.
	 */
	double metric(String name, @Nullable String tag) {
		try {
			JsonNode response = call("GET", "/actuator/metrics/" + name + ((tag != null) ? "?tag=" + tag : ""), null,
					false);
			for (JsonNode measurement : response.get("measurements")) {
				if ("VALUE".equals(measurement.get("statistic").asString())) {
					return measurement.get("value").asDouble();
				}
			}
		}
		catch (IllegalStateException ex) {
			// not exposed or not present
		}
		return -1;
	}

	private JsonNode call(String method, String path, @Nullable Object body, boolean authenticated) {
		HttpRequest.Builder request = HttpRequest.newBuilder(this.base.resolve(path))
			.timeout(Duration.ofMinutes(2))
			.header("Content-Type", "application/json")
			.method(method,
					(body != null) ? BodyPublishers.ofString(JSON.writeValueAsString(body)) : BodyPublishers.noBody());
		if (authenticated && this.token != null) {
			request.header("Authorization", "Bearer " + this.token);
		}
		try {
			var response = this.http.send(request.build(), BodyHandlers.ofString());
			if (response.statusCode() / 100 != 2) {
				throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": "
						+ response.body() + hint(response.statusCode(), path));
			}
			return JSON.readTree(response.body());
		}
		catch (IOException ex) {
			throw new IllegalStateException(method + " " + path + " failed: " + ex, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted", ex);
		}
	}

	private static String hint(int status, String path) {
		if (status == 404 && path.startsWith("/api/v1/bench")) {
			return " (is the service started with --orderpulse.bench.enabled=true?)";
		}
		if (status == 403 && path.startsWith("/api/v1/bench")) {
			return " (the benchmark needs an ADMIN: --username/--password)";
		}
		return "";
	}

}
