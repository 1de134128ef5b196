package io.orderpulse.demo;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import io.orderpulse.catalog.Catalog;
import io.orderpulse.flashsale.FlashSaleDraft;
import io.orderpulse.flashsale.FlashSales;
import io.orderpulse.identity.AuthenticatedUser;
import io.orderpulse.identity.NewUser;
import io.orderpulse.identity.Organizations;
import io.orderpulse.identity.Role;
import io.orderpulse.identity.UserAccounts;
import io.orderpulse.identity.UserSummary;
import io.orderpulse.payment.Points;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Fills an empty database with the demo organization, shop, products and users (password
 * {@code password}). A database that has any user is left alone, so restarts keep what
 * people did. Refused together with profile {@code cluster}, where demo passwords have no
 * place.
 */
@Component
@Profile("demo")
class DemoData implements ApplicationRunner {

	static final String ORGANIZATION = "Demo Org";

	static final String PASSWORD = "password";

	static final long DEMO_POINTS = 10_000;

	private static final Logger log = LoggerFactory.getLogger(DemoData.class);

	private final Organizations organizations;

	private final UserAccounts accounts;

	private final Catalog catalog;

	private final TransactionTemplate transactions;

	private final Points points;

	private final FlashSales flashSales;

	DemoData(Organizations organizations, UserAccounts accounts, Catalog catalog, TransactionTemplate transactions,
			Environment environment, Points points, FlashSales flashSales) {
		if (environment.matchesProfiles("cluster")) {
			throw new IllegalStateException(
					"Profile 'demo' cannot run with profile 'cluster': demo users have well-known passwords. "
							+ "Remove 'demo' from spring.profiles.active.");
		}
		this.organizations = organizations;
		this.accounts = accounts;
		this.catalog = catalog;
		this.transactions = transactions;
		this.points = points;
		this.flashSales = flashSales;
	}

	@Override
	public void run(ApplicationArguments args) {
		this.transactions.executeWithoutResult((status) -> {
			if (this.accounts.hasNoUsers()) {
				create();
			}
		});
	}

	private void create() {
		long orgId = this.organizations.ensure(ORGANIZATION);
		long shopId = this.catalog.openShop(orgId, "Demo Shop");
		long chicken = this.catalog.addProduct(shopId, "Kung Pao Chicken", new BigDecimal("38.00"), 200);
		this.catalog.addProduct(shopId, "Mapo Tofu", new BigDecimal("26.50"), 150);
		this.catalog.addProduct(shopId, "Yangzhou Fried Rice", new BigDecimal("22.00"), 300);
		this.catalog.addProduct(shopId, "Hot and Sour Soup", new BigDecimal("18.00"), 120);
		this.catalog.addProduct(shopId, "Jasmine Tea", new BigDecimal("9.90"), 500);
		long pudding = this.catalog.addProduct(shopId, "Mango Pudding", new BigDecimal("15.00"), 80);
		for (UserSummary buyer : List.of(user(orgId, "alice", "Alice Chen", Role.BUYER, null),
				user(orgId, "bob", "Bob Li", Role.BUYER, null))) {
			this.points.grant(buyer.id(), orgId, DEMO_POINTS, "demo-welcome-" + buyer.id(), "welcome points");
		}
		user(orgId, "merchant", "Demo Shop Merchant", Role.MERCHANT, shopId);
		UserSummary admin = user(orgId, "admin", "Demo Org Admin", Role.ADMIN, null);
		Instant now = Instant.now();
		this.flashSales.create(new AuthenticatedUser(admin.id(), admin.username(), orgId, Set.of(Role.ADMIN), null),
				new FlashSaleDraft("Demo flash sale", now.minus(Duration.ofMinutes(1)), now.plus(Duration.ofDays(30)),
						List.of(new FlashSaleDraft.Item(pudding, new BigDecimal("5.00"), 20, 500L),
								new FlashSaleDraft.Item(chicken, new BigDecimal("19.00"), 5, 1900L))));
		log.info("Created demo data: organization '{}', shop 'Demo Shop', users alice, bob ({} points each), merchant "
				+ "and admin (password '{}'), a flash sale for 30 days", ORGANIZATION, DEMO_POINTS, PASSWORD);
	}

	private UserSummary user(long orgId, String username, String displayName, Role role, @Nullable Long shopId) {
		return this.accounts.create(new NewUser(orgId, username, PASSWORD, displayName, Set.of(role), shopId));
	}

}
