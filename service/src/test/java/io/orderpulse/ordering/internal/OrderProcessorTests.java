package io.orderpulse.ordering.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.orderpulse.IntegrationTest;
import io.orderpulse.TestApi;
import io.orderpulse.Tenants;
import io.orderpulse.Tenants.Tenant;
import io.orderpulse.ordering.OrderEvents.OrderRequested;
import io.orderpulse.realtime.Destinations;
import io.orderpulse.realtime.RawStompSocket;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Order requests processed in batches by the in-process {@link OrderProcessor}: decided
 * in order against the stock left, resumed when their processing was lost, and one that
 * cannot be read fails alone.
 */
@IntegrationTest
class OrderProcessorTests {

	@Autowired
	ApplicationContext context;

	@Autowired
	TestApi api;

	@Autowired
	OrderProcessing processing;

	@Autowired
	OrderProcessor processor;

	@Autowired
	JdbcClient jdbc;

	Tenant shop;

	@BeforeEach
	void newShop() {
		this.shop = new Tenants(this.context).create("Batches");
	}

	@Test
	void aBatchIsDecidedInOrderAgainstTheStockLeftAndEachRequestOnce() {
		long tea = this.shop.product("Tea", "2.50", 3);
		long foreign = new Tenants(this.context).create("Elsewhere").product("Foreign Tea", "1.00", 10);
		RequestKey first = stored("first", items(tea, 2), "PENDING");
		RequestKey tooMany = stored("too-many", items(tea, 2), "PENDING");
		RequestKey last = stored("last", items(tea, 1), "PENDING");
		RequestKey otherOrg = stored("other-org", items(foreign, 1), "PENDING");

		List<Boolean> processed = this.processing.processAll(List.of(first, tooMany, last, otherOrg, first));

		assertThat(processed).containsExactly(true, true, true, true, false);
		assertThat(state(first)).containsExactly("COMPLETED", "订单创建成功 (order created)");
		assertThat(state(tooMany)).containsExactly("FAILED", "Only 1 of 'Tea' left, 2 requested.");
		assertThat(state(last)).containsExactly("COMPLETED", "订单创建成功 (order created)");
		assertThat(state(otherOrg)).containsExactly("FAILED", "Product " + foreign + " does not exist.");
		assertThat(stockOf(tea)).isZero();
		assertThat(this.jdbc.sql("""
				select o.total_price::text || ' ' || i.quantity from orders o join order_items i on i.order_id = o.id
				where o.buyer_id = ? and o.request_id in ('first', 'last') order by o.request_id
				""").param(this.shop.buyerUser().id()).query(String.class).list()).containsExactly("5.00 2", "2.50 1");

		assertThat(this.processing.processAll(List.of(first, tooMany))).as("processed before")
			.containsExactly(false, false);
		assertThat(orderCount()).isEqualTo(2);
	}

	@Test
	void aRequestWhoseProcessingWasLostIsProcessedOnceWhenResumed() throws Exception {
		long rice = this.shop.product("Rice", "3.00", 5);
		RequestKey lost = stored("lost-in-a-crash", items(rice, 2), "PROCESSING");
		this.jdbc
			.sql("update order_requests set updated_at = now() - interval '1 minute' where buyer_id = ? "
					+ "and request_id = ?")
			.params(lost.buyerId(), lost.requestId())
			.update();
		try (RawStompSocket buyer = RawStompSocket.subscribed(this.api.ws(), this.api.tokenFor(this.shop.buyerUser()),
				Destinations.ORDER_UPDATES)) {

			this.processor.resumeOpenRequests();

			await().atMost(Duration.ofSeconds(20)).until(() -> state(lost).get(0), "COMPLETED"::equals);
			List<String> pushed = new ArrayList<>();
			while (pushed.size() < 2) {
				JsonNode update = JsonMapper.builder().build().readTree(buyer.next().body());
				assertThat(update.get("requestId").asString()).isEqualTo("lost-in-a-crash");
				pushed.add(update.get("status").asString());
			}
			assertThat(pushed).containsExactly("PROCESSING", "COMPLETED");
		}
		this.processor.resumeOpenRequests();
		this.processing.processAll(List.of(lost));
		assertThat(orderCount()).isEqualTo(1);
		assertThat(stockOf(rice)).isEqualTo(3);
	}

	@Test
	void aRequestThatCannotBeReadFailsAloneAndStaysOpenForTheNextAttempt() {
		long soup = this.shop.product("Soup", "4.00", 10);
		RequestKey before = stored("before", items(soup, 1), "PENDING");
		RequestKey unreadable = stored("unreadable", "[{\"productId\": ", "PENDING");
		RequestKey after = stored("after", items(soup, 1), "PENDING");
		// together they cannot be processed: the whole batch rolls back
		assertThatThrownBy(() -> this.processing.processAll(List.of(before, unreadable, after)))
			.isInstanceOf(RuntimeException.class);
		assertThat(List.of(state(before).get(0), state(unreadable).get(0), state(after).get(0)))
			.containsOnly("PENDING");
		assertThat(stockOf(soup)).isEqualTo(10);

		for (RequestKey key : List.of(before, unreadable, after)) {
			this.processor.on(new OrderRequested(key.buyerId(), key.requestId(), this.shop.orgId()));
		}

		await().atMost(Duration.ofSeconds(20))
			.until(() -> state(before).get(0).equals("COMPLETED") && state(after).get(0).equals("COMPLETED"));
		assertThat(state(unreadable).get(0)).isEqualTo("PENDING");
		assertThat(stockOf(soup)).isEqualTo(8);
	}

	private RequestKey stored(String requestId, String items, String status) {
		this.jdbc.sql("insert into order_requests (buyer_id, request_id, org_id, items, status) values (?, ?, ?, ?, ?)")
			.params(this.shop.buyerUser().id(), requestId, this.shop.orgId(), items, status)
			.update();
		return new RequestKey(this.shop.buyerUser().id(), requestId);
	}

	private static String items(long productId, int quantity) {
		return "[{\"productId\": %d, \"quantity\": %d}]".formatted(productId, quantity);
	}

	private List<String> state(RequestKey key) {
		return this.jdbc.sql("select status, message from order_requests where buyer_id = ? and request_id = ?")
			.params(key.buyerId(), key.requestId())
			.query((rs, row) -> List.of(rs.getString(1), String.valueOf(rs.getString(2))))
			.single();
	}

	private long orderCount() {
		return this.jdbc.sql("select count(*) from orders where buyer_id = ?")
			.param(this.shop.buyerUser().id())
			.query(Long.class)
			.single();
	}

	private int stockOf(long productId) {
		return this.jdbc.sql("select stock from products where id = ?").param(productId).query(Integer.class).single();
	}

}
