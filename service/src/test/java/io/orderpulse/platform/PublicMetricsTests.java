package io.orderpulse.platform;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.orderpulse.IntegrationTest;
import io.orderpulse.TestApi;
import io.orderpulse.TestApi.Response;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The public metrics tell errors apart by category only: no tag names an exception class,
 * which would tell an attacker what the service runs on and where it broke.
 */
@IntegrationTest
class PublicMetricsTests {

	private static final Pattern LABEL = Pattern.compile("(\\w+)=\"((?:[^\"\\\\]|\\\\.)*)\"");

	/** A simple or qualified Java class name of a throwable. */
	private static final Pattern THROWABLE = Pattern.compile("[A-Za-z0-9_$.]*[a-z0-9](Exception|Error|Throwable)\\b");

	@Autowired
	TestApi api;

	@Test
	void metricsNameErrorCategoriesNotExceptionClasses() {
		String alice = this.api.tokenFor("alice");
		assertThat(this.api.get("/api/test/problems/boom", alice).status()).isEqualTo(500);
		assertThat(this.api.get("/api/test/problems/redis-down", alice).status()).isEqualTo(503);
		assertThat(this.api.get("/api/v1/products/987654321", alice).status()).isEqualTo(404);
		assertThat(this.api.post("/api/v1/auth/login", "{\"username\":", null).status()).isEqualTo(400);
		assertThat(this.api.get("/api/v1/orders?status=NOPE", alice).status()).isEqualTo(400);
		assertThat(this.api
			.post("/api/v1/auth/register", "{\"username\": \"alice\", \"password\": \"long-enough-1\"}", null)
			.status()).isEqualTo(409);

		Response scrape = this.api.get("/actuator/prometheus", null);

		assertThat(scrape.status()).isEqualTo(200);
		List<String> leaks = new ArrayList<>();
		List<String> categories = new ArrayList<>();
		for (String line : scrape.body().split("\n")) {
			if (line.startsWith("#")) {
				continue;
			}
			Matcher label = LABEL.matcher(line);
			while (label.find()) {
				String name = label.group(1);
				String value = label.group(2);
				if (THROWABLE.matcher(value).find() || value.contains("Exception")) {
					leaks.add(line);
				}
				if (line.startsWith("http_server_requests") && (name.equals("exception") || name.equals("error"))) {
					categories.add(value);
				}
			}
		}
		assertThat(leaks).isEmpty();
		assertThat(categories).contains("none", "server").isSubsetOf("none", "client", "server", "timeout");
	}

}
