package io.orderpulse.identity;

import java.util.List;

import io.orderpulse.IntegrationTest;
import io.orderpulse.TestApi;
import io.orderpulse.TestApi.Response;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Users' email addresses and phone numbers: shown to the user, changed by the user, set
 * by an admin, validated, and looked up by message routing through
 * {@link UserAccounts#contact(long)}.
 */
@IntegrationTest
class ContactDetailsTests {

	@Autowired
	TestApi api;

	@Autowired
	UserAccounts accounts;

	@Test
	void aUserSetsChangesAndRemovesTheirContactDetails() {
		UserSummary user = this.api.createUser("Contact Org", "contact", Role.BUYER);
		String token = this.api.tokenFor(user);
		JsonNode before = this.api.get("/api/v1/users/me", token).json();
		assertThat(before.get("email").isNull()).isTrue();
		assertThat(before.get("phone").isNull()).isTrue();
		assertThat(before.get("username").asString()).isEqualTo(user.username());

		Response changed = this.api.put("/api/v1/users/me/contact",
				"{\"email\": \"  Zhang.Wei+orders@example.com \", \"phone\": \"+8613800000000\"}", token);
		assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
		assertThat(changed.json().get("email").asString()).isEqualTo("Zhang.Wei+orders@example.com");
		JsonNode me = this.api.get("/api/v1/users/me", token).json();
		assertThat(me.get("email").asString()).isEqualTo("Zhang.Wei+orders@example.com");
		assertThat(me.get("phone").asString()).isEqualTo("+8613800000000");
		assertThat(this.accounts.contact(user.id())).hasValue(new UserContact(user.id(), user.orgId(), user.username(),
				user.displayName(), "Zhang.Wei+orders@example.com", "+8613800000000"));

		Response removed = this.api.put("/api/v1/users/me/contact", "{\"email\": \"\", \"phone\": null}", token);
		assertThat(removed.status()).isEqualTo(200);
		UserContact contact = this.accounts.contact(user.id()).orElseThrow();
		assertThat(contact.email()).isNull();
		assertThat(contact.phone()).isNull();
	}

	@Test
	void invalidContactDetailsAreRefusedNamingTheFieldAndNothingChanges() {
		UserSummary user = this.api.createUser("Contact Org", "invalid", Role.BUYER);
		String token = this.api.tokenFor(user);
		this.api.put("/api/v1/users/me/contact", "{\"email\": \"kept@example.com\", \"phone\": \"+442071838750\"}",
				token);

		for (String email : List.of("no-at-sign", "two@@example.com", "alice@localhost", "a b@example.com",
				"alice@example.com.", "x".repeat(250) + "@example.com")) {
			assertInvalid(token, "{\"email\": \"" + email + "\"}", List.of("email"));
		}
		for (String phone : List.of("13800000000", "+0861380000", "+86 138 0000 0000", "+861380000000000000", "+12345",
				"phone")) {
			assertInvalid(token, "{\"phone\": \"" + phone + "\"}", List.of("phone"));
		}
		assertInvalid(token, "{\"email\": \"nope\", \"phone\": \"nope\"}", List.of("email", "phone"));

		UserContact contact = this.accounts.contact(user.id()).orElseThrow();
		assertThat(contact.email()).isEqualTo("kept@example.com");
		assertThat(contact.phone()).isEqualTo("+442071838750");
	}

	@Test
	void anAdminCreatesAUserWithContactDetailsAndInvalidOnesCreateNobody() {
		UserSummary admin = this.api.createUser("Contact Admin Org", "admin", Role.ADMIN);
		String token = this.api.tokenFor(admin);
		String username = "reachable-" + System.nanoTime();
		Response created = this.api.post("/api/v1/admin/users", """
				{"username": "%s", "password": "long-enough", "roles": ["BUYER"],
				 "email": "reachable@example.com", "phone": "+8613912345678"}
				""".formatted(username), token);
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		assertThat(created.json().get("email").asString()).isEqualTo("reachable@example.com");
		assertThat(created.json().get("phone").asString()).isEqualTo("+8613912345678");
		long id = created.json().get("id").asLong();
		assertThat(this.accounts.contact(id).orElseThrow().email()).isEqualTo("reachable@example.com");

		String refused = "refused-" + System.nanoTime();
		Response invalid = this.api.post("/api/v1/admin/users", """
				{"username": "%s", "password": "long-enough", "roles": ["BUYER"], "phone": "0123"}
				""".formatted(refused), token);
		assertThat(invalid.status()).as(invalid.toString()).isEqualTo(400);
		assertThat(invalid.body()).contains("\"field\":\"phone\"");
		assertThat(this.accounts.findByUsername(refused)).isEmpty();
	}

	@Test
	void contactsOfAnotherOrganizationAreLeftOutAndTheDemoUsersHaveExampleAddresses() {
		UserSummary mine = this.api.createUser("Contact Org A", "mine", Role.BUYER);
		UserSummary theirs = this.api.createUser("Contact Org B", "theirs", Role.BUYER);
		assertThat(this.accounts.contacts(mine.orgId(), List.of(mine.id(), theirs.id()))).extracting(UserContact::id)
			.containsExactly(mine.id());

		UserContact alice = this.accounts.contact(this.api.user("alice").id()).orElseThrow();
		assertThat(alice.email()).isEqualTo("alice@example.com");
		assertThat(alice.phone()).startsWith("+447700900");
	}

	private void assertInvalid(String token, String body, List<String> fields) {
		Response response = this.api.put("/api/v1/users/me/contact", body, token);
		assertThat(response.status()).as(body + " -> " + response).isEqualTo(400);
		assertThat(response.contentType()).startsWith("application/problem+json");
		for (String field : fields) {
			assertThat(response.body()).as(body).contains("\"field\":\"" + field + "\"");
		}
	}

}
