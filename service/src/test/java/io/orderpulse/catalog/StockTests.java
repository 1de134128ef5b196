package io.orderpulse.catalog;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.orderpulse.IntegrationTest;
import io.orderpulse.TestApi;
import io.orderpulse.Tenants;
import io.orderpulse.Tenants.Tenant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.transaction.UnexpectedRollbackException;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

@IntegrationTest
class StockTests {

	@Autowired
	Catalog catalog;

	@Autowired
	TestApi api;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	ApplicationContext context;

	Tenant tenant;

	@BeforeEach
	void tenant() {
		this.tenant = new Tenants(this.context).create("Stock");
	}

	@Test
	void concurrentTakersNeverOversell() throws Exception {
		long product = this.tenant.product("Flash Dumplings", "5.00", 10);
		int takers = 40;
		CountDownLatch ready = new CountDownLatch(takers);
		CountDownLatch go = new CountDownLatch(1);
		List<Future<Boolean>> results = new ArrayList<>();
		try (ExecutorService pool = Executors.newFixedThreadPool(takers)) {
			for (int i = 0; i < takers; i++) {
				results.add(pool.submit(() -> {
					ready.countDown();
					go.await();
					try {
						this.catalog.takeStock(Map.of(product, 1));
						return true;
					}
					catch (InsufficientStock ex) {
						assertThat(ex.available()).isZero();
						return false;
					}
				}));
			}
			assertThat(ready.await(30, TimeUnit.SECONDS)).isTrue();
			go.countDown();
			long taken = 0;
			for (Future<Boolean> result : results) {
				if (result.get(60, TimeUnit.SECONDS)) {
					taken++;
				}
			}
			assertThat(taken).isEqualTo(10);
		}
		assertThat(stock(product)).isZero();
	}

	@Test
	void takesSeveralProductsAllOrNothing() {
		long rice = this.tenant.product("Fried Rice", "22.00", 5);
		long soup = this.tenant.product("Hot and Sour Soup", "18.00", 1);

		InsufficientStock shortage = catchThrowableOfType(InsufficientStock.class,
				() -> this.catalog.takeStock(Map.of(rice, 2, soup, 3)));

		assertThat(shortage.productId()).isEqualTo(soup);
		assertThat(shortage.requested()).isEqualTo(3);
		assertThat(shortage.available()).isEqualTo(1);
		assertThat(shortage.getStatusCode().value()).isEqualTo(409);
		assertThat(shortage.getBody().getType()).hasToString("urn:orderpulse:problem:insufficient-stock");
		assertThat(shortage.getBody().getDetail()).contains("'Hot and Sour Soup'").contains("1 of");
		// the rice taken before the soup ran short went back
		assertThat(stock(rice)).isEqualTo(5);
		assertThat(stock(soup)).isEqualTo(1);

		this.catalog.takeStock(Map.of(rice, 2, soup, 1));

		assertThat(stock(rice)).isEqualTo(3);
		assertThat(stock(soup)).isZero();
	}

	@Test
	void aShortageRollsBackTheCallersTransaction() {
		long rice = this.tenant.product("Fried Rice", "22.00", 5);
		long soup = this.tenant.product("Hot and Sour Soup", "18.00", 1);

		assertThatThrownBy(() -> this.transactions.executeWithoutResult((status) -> {
			this.catalog.takeStock(Map.of(rice, 1));
			assertThatThrownBy(() -> this.catalog.takeStock(Map.of(soup, 2))).isInstanceOf(InsufficientStock.class);
		})).isInstanceOf(UnexpectedRollbackException.class);

		assertThat(stock(rice)).isEqualTo(5);
		assertThat(stock(soup)).isEqualTo(1);
	}

	@Test
	void anUnknownOrDeletedProductIsNotFound() {
		long rice = this.tenant.product("Fried Rice", "22.00", 5);
		long deleted = this.tenant.product("Gone", "1.00", 5);
		this.api.delete("/api/v1/merchant/products/" + deleted, this.tenant.merchant());

		assertThatThrownBy(() -> this.catalog.takeStock(Map.of(rice, 1, Long.MAX_VALUE, 1))).isInstanceOfSatisfying(
				ProductNotFound.class, (ex) -> assertThat(ex.productId()).isEqualTo(Long.MAX_VALUE));
		assertThatThrownBy(() -> this.catalog.takeStock(Map.of(deleted, 1))).isInstanceOf(ProductNotFound.class);
		assertThatThrownBy(() -> this.catalog.returnStock(Map.of(Long.MAX_VALUE, 1)))
			.isInstanceOf(ProductNotFound.class);
		assertThat(stock(rice)).isEqualTo(5);
	}

	@Test
	void returnsStock() {
		long rice = this.tenant.product("Fried Rice", "22.00", 5);
		this.catalog.takeStock(Map.of(rice, 5));

		this.catalog.returnStock(Map.of(rice, 2));

		assertThat(stock(rice)).isEqualTo(2);
	}

	@Test
	void rejectsQuantitiesBelowOne() {
		long rice = this.tenant.product("Fried Rice", "22.00", 5);

		assertThatThrownBy(() -> this.catalog.takeStock(Map.of(rice, 0))).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> this.catalog.returnStock(Map.of(rice, -1)))
			.isInstanceOf(IllegalArgumentException.class);
		assertThat(stock(rice)).isEqualTo(5);
	}

	@Test
	void findsSnapshotsOfTheOrganizationsLiveProducts() {
		long rice = this.tenant.product("Fried Rice", "22", 5);
		long deleted = this.tenant.product("Gone", "1.00", 5);
		this.api.delete("/api/v1/merchant/products/" + deleted, this.tenant.merchant());
		long foreign = new Tenants(this.context).create("Foreign").product("Foreign", "1.00", 1);

		List<ProductSnapshot> found = this.catalog.findProducts(this.tenant.orgId(),
				List.of(foreign, deleted, rice, Long.MAX_VALUE));

		assertThat(found).containsExactly(new ProductSnapshot(rice, this.tenant.shopId(), this.tenant.orgId(),
				"Fried Rice", new BigDecimal("22.00")));
		assertThat(this.catalog.findProducts(this.tenant.orgId(), List.of())).isEmpty();
	}

	private int stock(long productId) {
		return this.api.get("/api/v1/products/" + productId, this.tenant.buyer()).json().get("stock").asInt();
	}

}
