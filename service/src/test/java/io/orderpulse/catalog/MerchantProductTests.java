package io.orderpulse.catalog;

import java.math.BigDecimal;

import io.orderpulse.IntegrationTest;
import io.orderpulse.TestApi;
import io.orderpulse.Tenants;
import io.orderpulse.Tenants.Tenant;
import io.orderpulse.TestApi.Response;
import io.orderpulse.identity.Role;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import static io.orderpulse.catalog.ProductBrowsingTests.fields;
import static io.orderpulse.catalog.ProductBrowsingTests.ids;
import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class MerchantProductTests {

	private static final String BASE = "/api/v1/merchant/products";

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
	void merchantListsChangesAndDeletesItsShopsProducts() {
		Tenant tenant = this.tenants.create("Crud");

		Response created = this.api.post(BASE, """
				{"name": "  Mapo Tofu ", "description": "Spicy", "price": 26.5, "stock": 150}
				""", tenant.merchant());

		assertThat(created.status()).isEqualTo(201);
		JsonNode product = created.json();
		long id = product.get("id").asLong();
		assertThat(created.headers().firstValue("Location")).contains(BASE + "/" + id);
		assertThat(product.get("name").asString()).isEqualTo("Mapo Tofu");
		assertThat(product.get("description").asString()).isEqualTo("Spicy");
		assertThat(product.get("shopId").asLong()).isEqualTo(tenant.shopId());
		assertThat(created.body()).contains("\"price\":26.50");
		assertThat(product.get("stock").asInt()).isEqualTo(150);
		assertThat(this.api.get(BASE + "/" + id, tenant.merchant()).json()).isEqualTo(product);
		// buyers of the organization see it
		assertThat(ids(this.api.get("/api/v1/products", tenant.buyer()).json())).containsExactly(id);
		assertThat(ids(this.api.get(BASE, tenant.merchant()).json())).containsExactly(id);

		Response updated = this.api.put(BASE + "/" + id, """
				{"name": "Mapo Tofu (large)", "price": 9999999999.99, "stock": 1000000}
				""", tenant.merchant());

		assertThat(updated.status()).isEqualTo(200);
		assertThat(updated.json().get("name").asString()).isEqualTo("Mapo Tofu (large)");
		assertThat(updated.json().get("description").isNull()).isTrue();
		assertThat(updated.json().get("price").decimalValue()).isEqualByComparingTo("9999999999.99");
		assertThat(updated.json().get("stock").asInt()).isEqualTo(1_000_000);
		assertThat(updated.json().get("createdAt")).isEqualTo(product.get("createdAt"));
		assertThat(this.api.get("/api/v1/products/" + id, tenant.buyer()).json()).isEqualTo(updated.json());

		assertThat(this.api.delete(BASE + "/" + id, tenant.merchant()).status()).isEqualTo(204);

		// deleted products are invisible everywhere
		assertThat(this.api.get("/api/v1/products/" + id, tenant.buyer()).status()).isEqualTo(404);
		assertThat(this.api.get("/api/v1/products", tenant.buyer()).json().get("totalItems").asLong()).isZero();
		assertThat(this.api.get(BASE, tenant.merchant()).json().get("totalItems").asLong()).isZero();
		assertThat(this.api.get(BASE + "/" + id, tenant.merchant()).status()).isEqualTo(404);
		assertThat(this.api.put(BASE + "/" + id, "{\"name\": \"x\", \"price\": 1, \"stock\": 1}", tenant.merchant())
			.status()).isEqualTo(404);
		assertThat(this.api.delete(BASE + "/" + id, tenant.merchant()).status()).isEqualTo(404);
	}

	@Test
	void merchantListsOnlyItsOwnShop() {
		Tenant tenant = this.tenants.create("OwnList");
		long own = tenant.product("Own Tofu", "1.00", 1);
		long otherShop = tenant.openShop("Neighbour");
		this.context.getBean(Catalog.class).addProduct(otherShop, "Neighbour Tofu", BigDecimal.ONE, 1);

		Response list = this.api.get(BASE + "?q=TOFU&size=10", tenant.merchant());

		assertThat(ids(list.json())).containsExactly(own);
		assertThat(list.json().get("size").asInt()).isEqualTo(10);
		assertThat(fields(this.api.get(BASE + "?size=101", tenant.merchant()))).containsExactly("size");
	}

	@Test
	void merchantCannotTouchAnotherShopsProduct() {
		Tenant tenant = this.tenants.create("Mine");
		Tenant other = this.tenants.create("Yours");
		long sameOrgOtherShop = tenant.openShop("Neighbour");
		long neighbours = this.context.getBean(Catalog.class)
			.addProduct(sameOrgOtherShop, "Neighbour's", BigDecimal.ONE, 5);
		long foreign = other.product("Foreign", "1.00", 5);
		String body = "{\"name\": \"Mine now\", \"price\": 0, \"stock\": 0}";

		for (long id : new long[] { neighbours, foreign }) {
			Response update = this.api.put(BASE + "/" + id, body, tenant.merchant());
			assertThat(update.status()).isEqualTo(404);
			assertThat(update.json().get("type").asString()).isEqualTo("urn:orderpulse:problem:product-not-found");
			assertThat(this.api.delete(BASE + "/" + id, tenant.merchant()).status()).isEqualTo(404);
			assertThat(this.api.get(BASE + "/" + id, tenant.merchant()).status()).isEqualTo(404);
		}
		assertThat(this.api.get("/api/v1/products/" + neighbours, tenant.buyer()).json().get("name").asString())
			.isEqualTo("Neighbour's");
		assertThat(this.api.get("/api/v1/products/" + foreign, other.buyer()).json().get("stock").asInt()).isEqualTo(5);
	}

	@Test
	void buyersMayNotManageProducts() {
		Tenant tenant = this.tenants.create("Buyers");
		long id = tenant.product("Tofu", "1.00", 1);
		String body = "{\"name\": \"x\", \"price\": 1, \"stock\": 1}";

		Response list = this.api.get(BASE, tenant.buyer());

		assertThat(list.status()).isEqualTo(403);
		assertThat(list.json().get("type").asString()).isEqualTo("urn:orderpulse:problem:forbidden");
		assertThat(this.api.post(BASE, body, tenant.buyer()).status()).isEqualTo(403);
		assertThat(this.api.put(BASE + "/" + id, body, tenant.buyer()).status()).isEqualTo(403);
		assertThat(this.api.delete(BASE + "/" + id, tenant.buyer()).status()).isEqualTo(403);
		assertThat(this.api.get("/api/v1/products/" + id, tenant.buyer()).json().get("name").asString())
			.isEqualTo("Tofu");
	}

	@Test
	void aMerchantWithoutAShopIsForbidden() {
		String shopless = this.api.tokenFor(this.api.createUser("Demo Org", "shopless", Role.MERCHANT));

		Response list = this.api.get(BASE, shopless);
		Response create = this.api.post(BASE, "{\"name\": \"x\", \"price\": 1, \"stock\": 1}", shopless);

		assertThat(list.status()).isEqualTo(403);
		assertThat(list.json().get("type").asString()).isEqualTo("urn:orderpulse:problem:no-shop");
		assertThat(create.status()).isEqualTo(403);
	}

	@Test
	void validationNamesEachBadField() {
		String merchant = this.tenants.create("Invalid").merchant();

		Response bad = this.api.post(BASE, """
				{"description": "%s", "price": -1, "stock": 1000001}
				""".formatted("d".repeat(2001)), merchant);
		Response threeDecimals = this.api.post(BASE, """
				{"name": " ", "price": 1.005, "stock": -1}
				""", merchant);
		Response tooLong = this.api.put(BASE + "/1", """
				{"name": "%s", "price": 10000000000.00}
				""".formatted("n".repeat(201)), merchant);

		assertThat(bad.status()).isEqualTo(400);
		assertThat(bad.json().get("type").asString()).isEqualTo("urn:orderpulse:problem:invalid-request");
		assertThat(fields(bad)).containsExactlyInAnyOrder("name", "description", "price", "stock");
		assertThat(fields(threeDecimals)).containsExactlyInAnyOrder("name", "price", "stock");
		assertThat(tooLong.status()).isEqualTo(400);
		// a price over the maximum also has too many digits
		assertThat(fields(tooLong)).containsOnly("name", "price", "stock");
		assertThat(this.api.get(BASE, merchant).json().get("totalItems").asLong()).isZero();
	}

}
