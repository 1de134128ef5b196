package io.orderpulse.platform.web;

import java.net.http.HttpRequest.BodyPublishers;
import java.util.List;
import java.util.concurrent.Flow;

import io.orderpulse.IntegrationTest;
import io.orderpulse.TestApi;
import io.orderpulse.TestApi.Response;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad input of every kind gets a precise RFC 9457 problem detail, never a 500 or a stack
 * trace.
 */
@IntegrationTest
class ProblemDetailsTests {

	@Autowired
	TestApi api;

	@Test
	void malformedJsonIsA400() {
		Response response = this.api.post("/api/v1/auth/login", "{\"username\": \"alice\",", null);

		assertProblem(response, 400, "malformed-body");
	}

	@Test
	void missingBodyIsA400() {
		Response response = this.api.post("/api/v1/auth/login", null, null);

		assertProblem(response, 400, "malformed-body");
	}

	@Test
	void wrongTypeNamesTheField() {
		Response response = this.api.post("/api/test/problems", """
				{"kind": "SMALL", "count": "many", "tags": []}
				""", this.api.tokenFor("alice"));

		assertProblem(response, 400, "invalid-request");
		assertThat(fieldsOf(response)).containsExactly("count");
		assertThat(response.json().get("errors").get(0).get("message").asString()).contains("number");
	}

	@Test
	void unknownEnumValueNamesTheFieldAndTheAllowedValues() {
		Response response = this.api.post("/api/test/problems", """
				{"kind": "HUGE", "count": 1, "tags": []}
				""", this.api.tokenFor("alice"));

		assertProblem(response, 400, "invalid-request");
		assertThat(fieldsOf(response)).containsExactly("kind");
		assertThat(response.json().get("errors").get(0).get("message").asString()).contains("SMALL", "LARGE");
	}

	@Test
	void nestedWrongTypeNamesThePath() {
		Response response = this.api.post("/api/test/problems", """
				{"kind": "SMALL", "count": 1, "tags": [{"x": 1}]}
				""", this.api.tokenFor("alice"));

		assertProblem(response, 400, "invalid-request");
		assertThat(fieldsOf(response)).containsExactly("tags[0]");
	}

	@Test
	void bodyOverTheLimitIsA413() {
		String huge = "{\"username\": \"" + "x".repeat(300 * 1024) + "\", \"password\": \"password\"}";

		Response declared = this.api.post("/api/v1/auth/login", huge, null);
		assertProblem(declared, 413, "payload-too-large");

		// a chunked body declares no length: the limit applies while reading it
		Response chunked = this.api
			.send(this.api.request("/api/v1/auth/login", null).POST(BodyPublishers.fromPublisher(chunked(huge))));
		assertProblem(chunked, 413, "payload-too-large");
	}

	@Test
	void unknownRouteIsA404() {
		assertProblem(this.api.get("/api/v1/no-such-thing", this.api.tokenFor("alice")), 404, null);
		assertThat(this.api.get("/no-such-page", null).status()).isEqualTo(404);
	}

	@Test
	void wrongMethodIsA405() {
		Response response = this.api.delete("/api/v1/users/me", this.api.tokenFor("alice"));

		assertProblem(response, 405, null);
		assertThat(response.headers().firstValue("Allow"))
			.hasValueSatisfying((allow) -> assertThat(allow).contains("GET"));
	}

	@Test
	void unexpectedFailureIsA500WithoutDetails() {
		Response response = this.api.get("/api/test/problems/boom", this.api.tokenFor("alice"));

		assertProblem(response, 500, "server-error");
		assertThat(response.body()).doesNotContain("IllegalStateException", "secret internals", "at io.orderpulse");
	}

	@Test
	void anUnreachableEngineIsA503WithRetryAfterThatRevealsNothing() {
		Response response = this.api.get("/api/test/problems/redis-down", this.api.tokenFor("alice"));

		assertProblem(response, 503, "service-unavailable");
		assertThat(response.headers().firstValue("Retry-After")).hasValue("5");
		assertThat(response.body()).doesNotContain("10.0.0.7");
	}

	private static void assertProblem(Response response, int status, String slug) {
		assertThat(response.status()).as(response.toString()).isEqualTo(status);
		assertThat(response.contentType()).startsWith("application/problem+json");
		assertThat(response.json().get("status").asInt()).isEqualTo(status);
		assertThat(response.json().get("title").asString()).isNotBlank();
		if (slug != null) {
			assertThat(response.json().get("type").asString()).isEqualTo("urn:orderpulse:problem:" + slug);
		}
		assertThat(response.body()).doesNotContain("Exception", "\tat ");
	}

	private static List<String> fieldsOf(Response problem) {
		return problem.json().get("errors").valueStream().map((error) -> error.get("field").asString()).toList();
	}

	private static Flow.Publisher<java.nio.ByteBuffer> chunked(String body) {
		return BodyPublishers.ofString(body)::subscribe;
	}

}
