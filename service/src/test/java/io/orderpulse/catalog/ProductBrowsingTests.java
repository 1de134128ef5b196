package io.orderpulse.catalog;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import io.orderpulse.IntegrationTest;
import io.orderpulse.TestApi;
import io.orderpulse.Tenants;
import io.orderpulse.Tenants.Tenant;
import io.orderpulse.TestApi.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class ProductBrowsingTests {

	@Autowired
	TestApi api;

	@Autowired
	ApplicationContext context;

	Tenants tenants;

	@BeforeEach
	void tenants() {
		this.tenants = new Tenants(this.context);
	}

	@Test
	void listsTheOrganizationsProductsNewestFirstWithShopAndPrice() {
		Tenant tenant = this.tenants.create("Listing");
		long tea = tenant.product("Jasmine Tea", "9.9", 500);
		long tofu = tenant.product("Mapo Tofu", "26.50", 150);

		Response response = this.api.get("/api/v1/products", tenant.buyer());

		assertThat(response.status()).isEqualTo(200);
		JsonNode page = response.json();
		assertThat(ids(page)).containsExactly(tofu, tea);
		assertThat(page.get("page").asInt()).isZero();
		assertThat(page.get("size").asInt()).isEqualTo(20);
		assertThat(page.get("totalItems").asLong()).isEqualTo(2);
		assertThat(page.get("totalPages").asInt()).isEqualTo(1);
		JsonNode product = page.get("items").get(1);
		assertThat(product.get("shopId").asLong()).isEqualTo(tenant.shopId());
		assertThat(product.get("shopName").asString()).isEqualTo("Listing Shop");
		assertThat(product.get("name").asString()).isEqualTo("Jasmine Tea");
		assertThat(product.get("description").isNull()).isTrue();
		assertThat(product.get("stock").asInt()).isEqualTo(500);
		assertThat(product.get("createdAt").asString()).isNotBlank();
		assertThat(product.get("updatedAt").asString()).isNotBlank();
		// a JSON number with two decimals
		assertThat(product.get("price").isNumber()).isTrue();
		assertThat(response.body()).contains("\"price\":9.90");
	}

	@Test
	void searchesNamesRegardlessOfCase() {
		Tenant tenant = this.tenants.create("Search");
		long mapo = tenant.product("Mapo Tofu", "26.50", 150);
		long silken = tenant.product("Silken TOFU Soup", "12.00", 20);
		tenant.product("Jasmine Tea", "9.90", 500);
		long percent = tenant.product("100% Juice", "4.00", 10);

		assertThat(ids(this.api.get("/api/v1/products?q=tofu", tenant.buyer()).json())).containsExactly(silken, mapo);
		assertThat(ids(this.api.get("/api/v1/products?q=%20TOFU%20S", tenant.buyer()).json())).containsExactly(silken);
		// wildcards in the term are taken literally
		assertThat(ids(this.api.get("/api/v1/products?q=%25", tenant.buyer()).json())).containsExactly(percent);
		assertThat(ids(this.api.get("/api/v1/products?q=_", tenant.buyer()).json())).isEmpty();
		Response none = this.api.get("/api/v1/products?q=pizza", tenant.buyer());
		assertThat(none.json().get("totalItems").asLong()).isZero();
		assertThat(none.json().get("totalPages").asInt()).isZero();
	}

	@Test
	void pagesAreStableAndCountTheMatches() {
		Tenant tenant = this.tenants.create("Paging");
		List<Long> created = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			created.add(tenant.product("Dumpling " + i, "1.00", 1));
		}
		List<Long> newestFirst = created.reversed();

		JsonNode first = this.api.get("/api/v1/products?page=0&size=2", tenant.buyer()).json();
		JsonNode second = this.api.get("/api/v1/products?page=1&size=2", tenant.buyer()).json();
		JsonNode last = this.api.get("/api/v1/products?page=2&size=2", tenant.buyer()).json();
		JsonNode beyond = this.api.get("/api/v1/products?page=3&size=2", tenant.buyer()).json();

		assertThat(ids(first)).containsExactlyElementsOf(newestFirst.subList(0, 2));
		assertThat(ids(second)).containsExactlyElementsOf(newestFirst.subList(2, 4));
		assertThat(ids(last)).containsExactlyElementsOf(newestFirst.subList(4, 5));
		assertThat(ids(beyond)).isEmpty();
		assertThat(first.get("totalItems").asLong()).isEqualTo(5);
		assertThat(first.get("totalPages").asInt()).isEqualTo(3);
		assertThat(last.get("page").asInt()).isEqualTo(2);
	}

	@Test
	void filtersByShopOfTheOrganization() {
		Tenant tenant = this.tenants.create("Shops");
		long own = tenant.product("Own", "1.00", 1);
		long otherShop = tenant.openShop("Second Shop");
		long elsewhere = this.context.getBean(Catalog.class)
			.addProduct(otherShop, "Elsewhere", new BigDecimal("2.00"), 1);

		assertThat(ids(this.api.get("/api/v1/products?shopId=", tenant.buyer()).json())).containsExactly(elsewhere,
				own);
		assertThat(ids(this.api.get("/api/v1/products?shopId=" + otherShop, tenant.buyer()).json()))
			.containsExactly(elsewhere);
		assertThat(ids(this.api.get("/api/v1/products?shopId=" + tenant.shopId(), tenant.buyer()).json()))
			.containsExactly(own);
	}

	@Test
	void anotherOrganizationsProductsAreInvisible() {
		Tenant ours = this.tenants.create("Ours");
		Tenant theirs = this.tenants.create("Theirs");
		long mine = ours.product("Tofu", "1.00", 1);
		long foreign = theirs.product("Tofu", "1.00", 1);

		assertThat(ids(this.api.get("/api/v1/products?q=tofu", ours.buyer()).json())).containsExactly(mine);
		assertThat(ids(this.api.get("/api/v1/products?shopId=" + theirs.shopId(), ours.buyer()).json())).isEmpty();
		Response read = this.api.get("/api/v1/products/" + foreign, ours.buyer());
		assertThat(read.status()).isEqualTo(404);
		assertThat(read.json().get("type").asString()).isEqualTo("urn:orderpulse:problem:product-not-found");
		// the demo organization's products are not theirs either
		assertThat(this.api.get("/api/v1/products?q=mapo", ours.buyer()).json().get("totalItems").asLong()).isZero();
	}

	@Test
	void showsOneProductAndAnswers404ForAnUnknownOne() {
		Tenant tenant = this.tenants.create("Single");
		long tofu = tenant.product("Mapo Tofu", "26.5", 150);

		Response found = this.api.get("/api/v1/products/" + tofu, tenant.buyer());
		Response unknown = this.api.get("/api/v1/products/" + Long.MAX_VALUE, tenant.buyer());

		assertThat(found.status()).isEqualTo(200);
		assertThat(found.json().get("name").asString()).isEqualTo("Mapo Tofu");
		assertThat(found.json().get("price").decimalValue()).isEqualByComparingTo("26.50");
		assertThat(unknown.status()).isEqualTo(404);
		assertThat(unknown.contentType()).startsWith("application/problem+json");
		assertThat(unknown.json().get("type").asString()).isEqualTo("urn:orderpulse:problem:product-not-found");
	}

	@Test
	void validatesPageAndSize() {
		String token = this.api.tokenFor("alice");

		Response tooLarge = this.api.get("/api/v1/products?size=101", token);
		Response zero = this.api.get("/api/v1/products?size=0", token);
		Response negative = this.api.get("/api/v1/products?page=-1", token);

		assertThat(tooLarge.status()).isEqualTo(400);
		assertThat(fields(tooLarge)).containsExactly("size");
		assertThat(fields(zero)).containsExactly("size");
		assertThat(negative.status()).isEqualTo(400);
		assertThat(fields(negative)).containsExactly("page");
		assertThat(this.api.get("/api/v1/products?size=100", token).status()).isEqualTo(200);
	}

	@Test
	void needsAnAccessToken() {
		assertThat(this.api.get("/api/v1/products", null).status()).isEqualTo(401);
	}

	static List<String> fields(Response problem) {
		return problem.json().get("errors").valueStream().map((error) -> error.get("field").asString()).toList();
	}

	static List<Long> ids(JsonNode page) {
		return page.get("items").valueStream().map((product) -> product.get("id").asLong()).toList();
	}

}
