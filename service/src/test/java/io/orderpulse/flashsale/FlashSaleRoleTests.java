package io.orderpulse.flashsale;

import java.util.Set;

import io.orderpulse.IntegrationTest;
import io.orderpulse.TestApi;
import io.orderpulse.TestApi.Response;
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
 * Only buyers buy in a flash sale: a merchant's or an administrator's attempt is refused
 * and takes no unit.
 */
@IntegrationTest
class FlashSaleRoleTests {

	@Autowired
	TestApi api;

	@Autowired
	ApplicationContext context;

	@Autowired
	UserAccounts accounts;

	@Autowired
	JdbcClient jdbc;

	FlashSaleShop shop;

	long itemId;

	@BeforeEach
	void newSale() {
		this.shop = new FlashSaleShop(this.context, "FlashRoles");
		this.itemId = this.shop.activeItem("Lamp", "30.00", "10.00", 3, null);
	}

	@Test
	void aMerchantCannotAttemptAFlashSale() {
		assertRefused(this.shop.tenant().merchant(), this.shop.tenant().merchantUser().id());
	}

	@Test
	void anAdministratorCannotAttemptAFlashSale() {
		UserSummary admin = this.accounts
			.create(new NewUser(this.shop.tenant().orgId(), "fadmin-" + Long.toString(System.nanoTime(), 36),
					"a-test-passphrase", "Admin", Set.of(Role.ADMIN), null));

		assertRefused(this.api.tokenFor(admin), admin.id());
	}

	@Test
	void aBuyerStillBuys() {
		Response response = this.shop.attempt(this.shop.tenant().buyer(), this.itemId);

		assertThat(response.status()).as(response.body()).isEqualTo(202);
		this.shop.awaitRemaining(this.itemId, 2);
	}

	private void assertRefused(String token, long userId) {
		Response response = this.shop.attempt(token, this.itemId);

		assertThat(response.status()).as(response.body()).isEqualTo(403);
		assertThat(response.contentType()).startsWith("application/problem+json");
		assertThat(this.shop.remaining(this.itemId)).isEqualTo(3);
		assertThat(this.jdbc.sql("select count(*) from flash_sale_purchases where user_id = ?")
			.param(userId)
			.query(Long.class)
			.single()).isZero();
	}

}
