package io.orderpulse.identity;

import io.orderpulse.IntegrationTest;
import io.orderpulse.TestApi;
import io.orderpulse.TestApi.Response;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class GroupTests {

	@Autowired
	TestApi api;

	@Test
	void adminManagesGroupsOfItsOrganization() {
		String admin = this.api.tokenFor("admin");
		long alice = this.api.user("alice").id();
		String name = "VIP buyers " + System.nanoTime();

		Response created = this.api.post("/api/v1/groups", """
				{"name": "%s", "description": "Our best customers"}
				""".formatted(name), admin);
		assertThat(created.status()).isEqualTo(201);
		long groupId = created.json().get("id").asLong();
		assertThat(created.json().get("memberCount").asLong()).isZero();

		assertThat(this.api.post("/api/v1/groups/" + groupId + "/members/" + alice, null, admin).status())
			.isEqualTo(204);
		// adding twice is harmless
		assertThat(this.api.post("/api/v1/groups/" + groupId + "/members/" + alice, null, admin).status())
			.isEqualTo(204);

		Response details = this.api.get("/api/v1/groups/" + groupId, admin);
		assertThat(details.status()).isEqualTo(200);
		assertThat(details.json().get("group").get("memberCount").asLong()).isEqualTo(1);
		assertThat(details.json().get("members").get(0).get("username").asString()).isEqualTo("alice");

		Response list = this.api.get("/api/v1/groups", admin);
		assertThat(list.json().valueStream().map((group) -> group.get("name").asString())).contains(name);

		assertThat(this.api.delete("/api/v1/groups/" + groupId + "/members/" + alice, admin).status()).isEqualTo(204);
		assertThat(this.api.delete("/api/v1/groups/" + groupId + "/members/" + alice, admin).status()).isEqualTo(404);
		assertThat(this.api.get("/api/v1/groups/" + groupId, admin).json().get("members").size()).isZero();
	}

	@Test
	void refusesADuplicateName() {
		String admin = this.api.tokenFor("admin");
		String body = "{\"name\": \"Duplicate " + System.nanoTime() + "\"}";
		assertThat(this.api.post("/api/v1/groups", body, admin).status()).isEqualTo(201);

		Response duplicate = this.api.post("/api/v1/groups", body, admin);

		assertThat(duplicate.status()).isEqualTo(409);
		assertThat(duplicate.json().get("type").asString()).isEqualTo("urn:orderpulse:problem:group-name-taken");
	}

	@Test
	void validatesTheGroup() {
		Response invalid = this.api.post("/api/v1/groups",
				"{\"name\": \" \", \"description\": \"%s\"}".formatted("d".repeat(501)), this.api.tokenFor("admin"));

		assertThat(invalid.status()).isEqualTo(400);
		assertThat(AuthenticationTests.fields(invalid)).containsExactlyInAnyOrder("name", "description");
	}

	@Test
	void buyersAndMerchantsMayNotManageGroups() {
		Response buyer = this.api.get("/api/v1/groups", this.api.tokenFor("alice"));
		Response merchant = this.api.post("/api/v1/groups", "{\"name\": \"x\"}", this.api.tokenFor("merchant"));

		assertThat(buyer.status()).isEqualTo(403);
		assertThat(buyer.contentType()).startsWith("application/problem+json");
		assertThat(merchant.status()).isEqualTo(403);
	}

	@Test
	void anotherOrganizationsGroupsAndUsersAreNotFound() {
		UserSummary otherAdmin = this.api.createUser("Other Org", "other-admin", Role.ADMIN);
		UserSummary otherBuyer = this.api.createUser("Other Org", "other-buyer", Role.BUYER);
		String other = this.api.tokenFor(otherAdmin);
		long otherGroup = this.api.post("/api/v1/groups", "{\"name\": \"Other group\"}", other)
			.json()
			.get("id")
			.asLong();
		String demoAdmin = this.api.tokenFor("admin");
		long demoGroup = this.api
			.post("/api/v1/groups", "{\"name\": \"Demo group " + System.nanoTime() + "\"}", demoAdmin)
			.json()
			.get("id")
			.asLong();

		// the demo admin can neither see nor change the other organization's group
		Response read = this.api.get("/api/v1/groups/" + otherGroup, demoAdmin);
		assertThat(read.status()).isEqualTo(404);
		assertThat(read.json().get("type").asString()).isEqualTo("urn:orderpulse:problem:group-not-found");
		long alice = this.api.user("alice").id();
		assertThat(this.api.post("/api/v1/groups/" + otherGroup + "/members/" + alice, null, demoAdmin).status())
			.isEqualTo(404);
		assertThat(this.api.get("/api/v1/groups", demoAdmin).json().valueStream().map((g) -> g.get("id").asLong()))
			.doesNotContain(otherGroup);

		// nor add a user of another organization to its own group
		Response foreignUser = this.api.post("/api/v1/groups/" + demoGroup + "/members/" + otherBuyer.id(), null,
				demoAdmin);
		assertThat(foreignUser.status()).isEqualTo(404);
		assertThat(foreignUser.json().get("type").asString()).isEqualTo("urn:orderpulse:problem:user-not-found");
		assertThat(this.api.get("/api/v1/groups/" + demoGroup, demoAdmin).json().get("members").size()).isZero();
	}

	@Test
	void aNonNumericIdIsABadRequest() {
		Response response = this.api.get("/api/v1/groups/abc", this.api.tokenFor("admin"));

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.contentType()).startsWith("application/problem+json");
	}

}
