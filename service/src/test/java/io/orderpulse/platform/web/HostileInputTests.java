package io.orderpulse.platform.web;

import java.util.ArrayList;
import java.util.List;

import io.orderpulse.IntegrationTest;
import io.orderpulse.TestApi;
import io.orderpulse.TestApi.Response;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Input a hostile client sends (NUL characters, which PostgreSQL refuses in text; page
 * numbers whose offset overflows; numbers out of range) is a 400 naming the field, never
 * a 500.
 */
@IntegrationTest
class HostileInputTests {

	/** The JSON escape of U+0000, as a client sends it. */
	private static final String NUL = "\\" + "u0000";

	@Autowired
	TestApi api;

	@Test
	void nulInTheLoginUsernameIsA400NamingTheField() {
		Response response = this.api.post("/api/v1/auth/login",
				"{\"username\": \"ali" + NUL + "ce\", \"password\": \"password\"}", null);

		assertInvalid(response, "username");
	}

	@Test
	void nulInTheLoginPasswordIsA400NamingTheField() {
		Response response = this.api.post("/api/v1/auth/login",
				"{\"username\": \"alice\", \"password\": \"pass" + NUL + "word\"}", null);

		assertInvalid(response, "password");
	}

	@Test
	void nulInARegistrationIsA400() {
		String username = "nul-" + Long.toString(System.nanoTime(), 36);
		Response response = this.api.post("/api/v1/auth/register", "{\"username\": \"" + username
				+ "\", \"password\": \"a-long-passphrase\", \"displayName\": \"N" + NUL + "\"}", null);

		assertInvalid(response, "displayName");
	}

	@Test
	void nulInAProductNameIsA400AndNothingIsCreated() {
		String merchant = this.api.tokenFor("merchant");
		int before = this.api.get("/api/v1/merchant/products?size=100", merchant).json().get("totalItems").asInt();

		Response response = this.api.post("/api/v1/merchant/products",
				"{\"name\": \"Tofu" + NUL + "\", \"price\": 1.00, \"stock\": 1}", merchant);

		assertInvalid(response, "name");
		assertThat(this.api.get("/api/v1/merchant/products?size=100", merchant).json().get("totalItems").asInt())
			.isEqualTo(before);
	}

	@Test
	void nulInAMessageTitleIsA400() {
		Response response = this.api.post("/api/v1/messages/send", """
				{"receiverId": %d, "messageType": "SYSTEM", "title": "Hi%s", "content": "text"}
				""".formatted(this.api.user("alice").id(), NUL), this.api.tokenFor("admin"));

		assertInvalid(response, "title");
	}

	@Test
	void nulInANestedFieldNamesItsPath() {
		Response response = this.api.post("/api/v1/messages/send", """
				{"receiverId": %d, "messageType": "SYSTEM", "title": "Hi", "content": "text",
				 "metadata": {"actionText": "go%s"}}
				""".formatted(this.api.user("alice").id(), NUL), this.api.tokenFor("admin"));

		assertInvalid(response, "metadata.actionText");
	}

	@Test
	void nulInAPropertyNameIsA400() {
		Response response = this.api.post("/api/v1/auth/login",
				"{\"user" + NUL + "name\": \"alice\", \"password\": \"password\"}", null);

		assertThat(response.status()).as(response.body()).isEqualTo(400);
		assertThat(response.contentType()).startsWith("application/problem+json");
	}

	@Test
	void nulInATreeBodyNamesItsPath() {
		Response response = this.api.post("/api/v1/message-routes", """
				{"name": "Urgent%s", "priority": 10, "enabled": true,
				 "condition": {"priority": "URGENT"},
				 "action": {"channels": ["WEBSOCKET"]}}
				""".formatted(NUL), this.api.tokenFor("admin"));

		assertInvalid(response, "name");
	}

	@Test
	void nulInAQueryParameterIsA400NamingIt() {
		Response response = this.api.get("/api/v1/products?q=to%00fu", this.api.tokenFor("alice"));

		assertInvalid(response, "q");
	}

	@Test
	void nulInAPathIsA400() {
		Response response = this.api.get("/api/v1/orders/requests/ab%00cd", this.api.tokenFor("alice"));

		assertThat(response.status()).as(response.body()).isEqualTo(400);
	}

	@Test
	void nulInAMessageSearchIsA400() {
		Response response = this.api.get("/api/v1/messages/search?q=x%00y", this.api.tokenFor("alice"));

		assertInvalid(response, "q");
	}

	@Test
	void pagesWhoseOffsetWouldOverflowAreA400NamingThePage() {
		String alice = this.api.tokenFor("alice");
		String merchant = this.api.tokenFor("merchant");
		String admin = this.api.tokenFor("admin");
		List<String> failures = new ArrayList<>();
		for (String[] probe : List.of(new String[] { "/api/v1/products?page=2147483647", alice },
				new String[] { "/api/v1/merchant/products?page=2147483647", merchant },
				new String[] { "/api/v1/orders?page=2147483647", alice },
				new String[] { "/api/v1/merchant/orders?page=2147483647", merchant },
				new String[] { "/api/v1/messages?page=2147483647", alice },
				new String[] { "/api/v1/messages/search?q=xy&page=2147483647", alice },
				new String[] { "/api/v1/message-templates?page=2147483647", admin },
				new String[] { "/api/v1/orders?page=10001&size=100", alice })) {
			Response response = this.api.get(probe[0], probe[1]);
			if (response.status() != 400 || !fields(response).contains("page")) {
				failures.add(probe[0] + " -> " + response);
			}
		}
		assertThat(failures).isEmpty();
	}

	@Test
	void sizesOutOfRangeAreA400AndTheLastAllowedPageIsAnEmptyPage() {
		String alice = this.api.tokenFor("alice");
		for (String size : List.of("0", "-1", "101", "2147483647", "-2147483648")) {
			Response response = this.api.get("/api/v1/orders?size=" + size, alice);
			assertInvalid(response, "size");
		}
		Response deepest = this.api.get("/api/v1/orders?page=10000&size=100", alice);
		assertThat(deepest.status()).as(deepest.body()).isEqualTo(200);
		assertThat(deepest.json().get("items").isEmpty()).isTrue();
		Response deepestMessages = this.api.get("/api/v1/messages?page=10000&size=100", alice);
		assertThat(deepestMessages.status()).as(deepestMessages.body()).isEqualTo(200);
	}

	@Test
	void numbersOutOfRangeAreA400() {
		String alice = this.api.tokenFor("alice");
		Response huge = this.api.post("/api/v1/orders", """
				{"items": [{"productId": 99999999999999999999999999, "quantity": 1}]}
				""", alice);
		assertThat(huge.status()).as(huge.body()).isEqualTo(400);
		Response hugeQuantity = this.api.post("/api/v1/orders", """
				{"items": [{"productId": 1, "quantity": 1e400}]}
				""", alice);
		assertThat(hugeQuantity.status()).as(hugeQuantity.body()).isEqualTo(400);
		Response pathOverflow = this.api.get("/api/v1/orders/99999999999999999999999999", alice);
		assertThat(pathOverflow.status()).as(pathOverflow.body()).isEqualTo(400);
		Response pageNotANumber = this.api.get("/api/v1/products?page=1e3", alice);
		assertInvalid(pageNotANumber, "page");
	}

	private static void assertInvalid(Response response, String field) {
		assertThat(response.status()).as(response.body()).isEqualTo(400);
		assertThat(response.contentType()).startsWith("application/problem+json");
		assertThat(response.json().get("type").asString()).isEqualTo("urn:orderpulse:problem:invalid-request");
		assertThat(fields(response)).as(response.body()).contains(field);
	}

	private static List<String> fields(Response response) {
		List<String> fields = new ArrayList<>();
		if (response.body().isEmpty() || response.json().get("errors") == null) {
			return fields;
		}
		response.json().get("errors").forEach((error) -> fields.add(error.get("field").asString()));
		return fields;
	}

}
