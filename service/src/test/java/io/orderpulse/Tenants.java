package io.orderpulse;

import java.math.BigDecimal;
import java.util.Set;

import io.orderpulse.catalog.Catalog;
import io.orderpulse.identity.NewUser;
import io.orderpulse.identity.Organizations;
import io.orderpulse.identity.Role;
import io.orderpulse.identity.UserAccounts;
import io.orderpulse.identity.UserSummary;

import org.springframework.context.ApplicationContext;

/**
 * Fresh organizations with a shop, its merchant and a buyer, so tests see only their own
 * products and orders.
 */
public final class Tenants {

	private final Organizations organizations;

	private final UserAccounts accounts;

	private final Catalog catalog;

	private final TestApi api;

	/**
	 * Built from the shared test context's beans (importing a component would change the
	 * context and cost a second one).
	 */
	public Tenants(ApplicationContext context) {
		this.organizations = context.getBean(Organizations.class);
		this.accounts = context.getBean(UserAccounts.class);
		this.catalog = context.getBean(Catalog.class);
		this.api = context.getBean(TestApi.class);
	}

	public Tenant create(String name) {
		String unique = Long.toString(System.nanoTime(), 36);
		String organization = name + " " + unique;
		long orgId = this.organizations.ensure(organization);
		long shopId = this.catalog.openShop(orgId, name + " Shop");
		var merchant = this.accounts.create(new NewUser(orgId, "m-" + unique, "a-test-passphrase", name + " Merchant",
				Set.of(Role.MERCHANT), shopId));
		var buyer = this.api.createUser(organization, "b", Role.BUYER);
		return new Tenant(this, orgId, shopId, this.api.tokenFor(merchant), this.api.tokenFor(buyer), merchant, buyer);
	}

	/**
	 * An organization with one shop, its merchant and a buyer, with their tokens.
	 */
	public record Tenant(Tenants tenants, long orgId, long shopId, String merchant, String buyer,
			UserSummary merchantUser, UserSummary buyerUser) {

		public long product(String name, String price, int stock) {
			return this.tenants.catalog.addProduct(this.shopId, name, new BigDecimal(price), stock);
		}

		/**
		 * Another shop of the same organization.
		 */
		public long openShop(String name) {
			return this.tenants.catalog.openShop(this.orgId, name);
		}

	}

}
