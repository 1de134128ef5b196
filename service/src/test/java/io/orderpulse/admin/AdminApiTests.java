package io.orderpulse.admin;

import io.orderpulse.IntegrationTest;
import io.orderpulse.TestApi;
import io.orderpulse.TestApi.Response;
import io.orderpulse.identity.Role;
import io.orderpulse.identity.UserSummary;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class AdminApiTests {

	@Autowired
	TestApi api;

	UserSummary admin;

	String token;

	@BeforeEach
	void admin() {
		this.admin = this.api.createUser("Admin API Org", "admin", Role.ADMIN);
		this.token = this.api.tokenFor(this.admin);
	}

	@Test
	void anAdminOpensAShopAndCreatesItsMerchantWhoCanLogIn() {
		Response shop = this.api.post("/api/v1/admin/shops", "{\"name\":\"  Noodle Bar \"}", this.token);
		assertThat(shop.status()).as(shop.toString()).isEqualTo(201);
		assertThat(shop.json().get("name").asString()).isEqualTo("Noodle Bar");
		assertThat(shop.json().get("orgId").asLong()).isEqualTo(this.admin.orgId());
		long shopId = shop.json().get("shopId").asLong();

		String username = "noodle-" + System.nanoTime();
		Response user = this.api.post("/api/v1/admin/users", """
				{"username": "%s", "password": "noodles-123", "displayName": "Noodle Merchant",
				 "roles": ["MERCHANT"], "shopId": %d}
				""".formatted(username, shopId), this.token);
		assertThat(user.status()).as(user.toString()).isEqualTo(201);
		JsonNode created = user.json();
		assertThat(created.get("orgId").asLong()).isEqualTo(this.admin.orgId());
		assertThat(created.get("shopId").asLong()).isEqualTo(shopId);
		assertThat(created.get("roles").toString()).isEqualTo("[\"MERCHANT\"]");

		Response login = this.api.post("/api/v1/auth/login",
				"{\"username\":\"" + username + "\",\"password\":\"noodles-123\"}", null);
		assertThat(login.status()).isEqualTo(200);
		Response products = this.api.get("/api/v1/merchant/products", login.json().get("accessToken").asString());
		assertThat(products.status()).as("the merchant has a shop").isEqualTo(200);
	}

	@Test
	void badUsersAreRefusedNamingTheField() {
		assertInvalid("""
				{"username": "x", "password": "long-enough", "roles": ["BUYER"]}""", "username");
		assertInvalid("""
				{"username": "valid-name", "password": "short", "roles": ["BUYER"]}""", "password");
		assertInvalid("""
				{"username": "valid-name", "password": "long-enough", "roles": []}""", "roles");
		assertInvalid("""
				{"username": "valid-name", "password": "long-enough", "roles": ["KING"]}""", "roles[0]");
		assertInvalid("""
				{"username": "valid-name", "password": "long-enough", "roles": ["MERCHANT"]}""", "shopId");
		assertInvalid("""
				{"username": "valid-name", "password": "long-enough", "roles": ["BUYER"], "shopId": 1}""", "shopId");
		long otherShop = this.api
			.post("/api/v1/admin/shops", "{\"name\":\"Elsewhere\"}",
					this.api.tokenFor(this.api.createUser("Other Admin API Org", "admin", Role.ADMIN)))
			.json()
			.get("shopId")
			.asLong();
		assertInvalid("""
				{"username": "valid-name", "password": "long-enough", "roles": ["MERCHANT"], "shopId": %d}"""
			.formatted(otherShop), "shopId");
		Response blankShop = this.api.post("/api/v1/admin/shops", "{\"name\":\" \"}", this.token);
		assertThat(blankShop.status()).isEqualTo(400);
		assertThat(blankShop.body()).contains("\"field\":\"name\"");
	}

	@Test
	void aTakenUsernameIsAConflictAndOnlyAdminsMayCreate() {
		Response taken = this.api.post("/api/v1/admin/users", """
				{"username": "%s", "password": "long-enough", "roles": ["BUYER"]}
				""".formatted(this.admin.username().toUpperCase()), this.token);
		assertThat(taken.status()).isEqualTo(409);
		assertThat(taken.json().get("type").asString()).isEqualTo("urn:orderpulse:problem:username-taken");

		String buyer = this.api.tokenFor(this.api.createUser("Admin API Org", "buyer", Role.BUYER));
		assertThat(this.api.post("/api/v1/admin/shops", "{\"name\":\"Mine\"}", buyer).status()).isEqualTo(403);
		assertThat(this.api.post("/api/v1/admin/users", """
				{"username": "sneaky-1", "password": "long-enough", "roles": ["ADMIN"]}""", buyer).status())
			.isEqualTo(403);
	}

	@Test
	void anAdminCannotMakeAnyoneAPlatformAdminNorItself() {
		String username = "escalate-" + System.nanoTime();
		Response created = this.api.post("/api/v1/admin/users", """
				{"username": "%s", "password": "long-enough", "roles": ["ADMIN", "PLATFORM_ADMIN"]}
				""".formatted(username), this.token);

		assertThat(created.status()).as(created.toString()).isEqualTo(403);
		assertThat(created.contentType()).startsWith("application/problem+json");
		assertThat(created.json().get("type").asString()).isEqualTo("urn:orderpulse:problem:role-not-grantable");
		assertThat(created.body()).contains("PLATFORM_ADMIN");
		assertThat(this.api
			.post("/api/v1/auth/login", "{\"username\":\"" + username + "\",\"password\":\"long-enough\"}", null)
			.status()).as("nothing was created").isEqualTo(401);

		UserSummary buyer = this.api.createUser("Admin API Org", "buyer", Role.BUYER);
		Response promoted = this.api.put("/api/v1/admin/users/" + buyer.id() + "/roles",
				"{\"roles\": [\"PLATFORM_ADMIN\", \"ADMIN\"]}", this.token);
		assertThat(promoted.status()).as(promoted.toString()).isEqualTo(403);
		assertThat(promoted.json().get("type").asString()).isEqualTo("urn:orderpulse:problem:role-not-grantable");
		Response self = this.api.put("/api/v1/admin/users/" + this.admin.id() + "/roles",
				"{\"roles\": [\"PLATFORM_ADMIN\", \"ADMIN\"]}", this.token);
		assertThat(self.status()).as(self.toString()).isEqualTo(403);
		assertThat(this.api.user(buyer.username()).roles()).containsExactly(Role.BUYER);
		assertThat(this.api.user(this.admin.username()).roles()).containsExactly(Role.ADMIN);
	}

	@Test
	void anAdminGrantsOnlyRolesItHolds() {
		String username = "new-admin-" + System.nanoTime();
		Response created = this.api.post("/api/v1/admin/users", """
				{"username": "%s", "password": "long-enough", "roles": ["ADMIN"]}
				""".formatted(username), this.token);
		assertThat(created.status()).as("an ADMIN may create another ADMIN").isEqualTo(201);

		UserSummary buyer = this.api.createUser("Admin API Org", "buyer", Role.BUYER);
		Response promoted = this.api.put("/api/v1/admin/users/" + buyer.id() + "/roles", "{\"roles\": [\"ADMIN\"]}",
				this.token);
		assertThat(promoted.status()).as(promoted.toString()).isEqualTo(200);
		assertThat(promoted.json().get("roles").toString()).isEqualTo("[\"ADMIN\"]");
	}

	private void assertInvalid(String body, String field) {
		Response response = this.api.post("/api/v1/admin/users", body, this.token);
		assertThat(response.status()).as(body + " -> " + response).isEqualTo(400);
		assertThat(response.contentType()).startsWith("application/problem+json");
		assertThat(response.body()).as(response.body()).contains("\"field\":\"" + field + "\"");
	}

}
