package io.orderpulse.ordering;

import java.util.Set;

import io.orderpulse.IntegrationTest;
import io.orderpulse.TestApi;
import io.orderpulse.TestApi.Response;
import io.orderpulse.Tenants;
import io.orderpulse.Tenants.Tenant;
import io.orderpulse.catalog.Products;
import io.orderpulse.identity.NewUser;
import io.orderpulse.identity.Role;
import io.orderpulse.identity.UserAccounts;
import io.orderpulse.identity.UserSummary;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Only buyers place orders: a merchant or an administrator who tries is refused and
 * nothing is created or consumed.
 */
@IntegrationTest
class OrderRoleTests {

	@Autowired
	TestApi api;

	@Autowired
	ApplicationContext context;

	@Autowired
	UserAccounts accounts;

	@Autowired
	Products products;

	@Autowired
	JdbcClient jdbc;

	Tenant shop;

	UserSummary admin;

	@BeforeEach
	void newShop() {
		this.shop = new Tenants(this.context).create("Roles");
		this.admin = this.accounts
			.create(new NewUser(this.shop.orgId(), "admin-" + Long.toString(System.nanoTime(), 36), "a-test-passphrase",
					"Admin", Set.of(Role.ADMIN), null));
	}

	@Test
	void aMerchantCannotPlaceAnOrder() {
		assertRefused(this.shop.merchant(), this.shop.merchantUser().id());
	}

	@Test
	void anAdministratorCannotPlaceAnOrder() {
		assertRefused(this.api.tokenFor(this.admin), this.admin.id());
	}

	@Test
	void aBuyerStillPlacesAnOrder() {
		long product = this.shop.product("Tea", "3.00", 5);

		Response response = this.api.post("/api/v1/orders",
				"{\"items\": [{\"productId\": " + product + ", \"quantity\": 1}]}", this.shop.buyer());

		assertThat(response.status()).as(response.body()).isEqualTo(202);
	}

	private void assertRefused(String token, long userId) {
		long product = this.shop.product("Tofu", "5.00", 5);

		Response response = this.api.post("/api/v1/orders",
				"{\"items\": [{\"productId\": " + product + ", \"quantity\": 2}]}", token);

		assertThat(response.status()).as(response.body()).isEqualTo(403);
		assertThat(response.contentType()).startsWith("application/problem+json");
		assertThat(count("select count(*) from order_requests where buyer_id = ?", userId)).isZero();
		assertThat(count("select count(*) from orders where buyer_id = ?", userId)).isZero();
		assertThat(this.products.get(this.shop.orgId(), product).stock()).isEqualTo(5);
	}

	private long count(String sql, long id) {
		return this.jdbc.sql(sql).param(id).query(Long.class).single();
	}

}
