package io.orderpulse.ordering.internal;

import java.net.http.HttpRequest.BodyPublishers;
import java.time.Duration;

import io.orderpulse.IntegrationTest;
import io.orderpulse.TestApi;
import io.orderpulse.Tenants;
import io.orderpulse.Tenants.Tenant;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The scheduled jobs take a ShedLock lock, so in cluster mode only one node runs each at
 * a time.
 */
@IntegrationTest
class OrderJobsTests {

	@Autowired
	TestApi api;

	@Autowired
	ApplicationContext context;

	@Autowired
	OrderJobs jobs;

	@Autowired
	JdbcClient jdbc;

	@Test
	void aJobLockedByAnotherNodeDoesNotRunHere() {
		Tenant shop = new Tenants(this.context).create("Locked");
		long product = shop.product("Buns", "2.00", 5);
		String key = "stale-" + System.nanoTime();
		this.api.send(this.api.request("/api/v1/orders", shop.buyer())
			.header("Idempotency-Key", key)
			.POST(BodyPublishers.ofString("{\"items\": [{\"productId\": %d, \"quantity\": 1}]}".formatted(product))));
		long[] orderId = new long[1];
		await().atMost(Duration.ofSeconds(20)).until(() -> {
			var state = this.api.get("/api/v1/orders/requests/" + key, shop.buyer()).json();
			orderId[0] = state.path("orderId").asLong();
			return "COMPLETED".equals(state.get("status").asString());
		});
		// unpaid for an hour
		this.jdbc.sql("update orders set updated_at = now() - interval '1 hour' where id = ?")
			.param(orderId[0])
			.update();
		this.jdbc.sql("delete from shedlock where name = 'ordering.cancelUnpaid'").update();
		this.jdbc.sql("""
				insert into shedlock (name, lock_until, locked_at, locked_by)
				values ('ordering.cancelUnpaid', now() + interval '1 hour', now(), 'another-node')
				""").update();

		this.jobs.cancelUnpaid();
		assertThat(status(orderId[0], shop)).isEqualTo("PENDING_PAYMENT");

		// the other node's lock runs out (ShedLock keeps lock rows, so release it as
		// ShedLock does)
		this.jdbc.sql("update shedlock set lock_until = now() where name = 'ordering.cancelUnpaid'").update();
		this.jobs.cancelUnpaid();
		assertThat(status(orderId[0], shop)).isEqualTo("CANCELLED");
		assertThat(this.jdbc.sql("select locked_by from shedlock where name = 'ordering.cancelUnpaid'")
			.query(String.class)
			.single()).isNotEqualTo("another-node");
	}

	private String status(long orderId, Tenant shop) {
		return this.api.get("/api/v1/orders/" + orderId, shop.buyer()).json().get("status").asString();
	}

}
