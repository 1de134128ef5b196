package io.orderpulse;

import java.math.BigDecimal;
import java.net.http.HttpRequest.BodyPublishers;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

import io.micrometer.core.instrument.MeterRegistry;
import io.orderpulse.TestApi.Response;
import io.orderpulse.catalog.Catalog;
import io.orderpulse.identity.Role;
import io.orderpulse.identity.UserAccounts;
import io.orderpulse.identity.UserSummary;
import io.orderpulse.platform.broker.WorkQueues;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * RabbitMQ stopped and started again while buyers place orders: a broker-mode node on a
 * RabbitMQ node of this test's own ({@link PrivateRabbitMq}, restarted with its data, so
 * its durable queues and persistent messages survive) and a fresh database on the
 * external PostgreSQL. Every order is accepted (202: the request is stored, the broker is
 * not needed to accept it); those whose message could not be published while RabbitMQ was
 * away stay in the outbox and are published again once it is back, the listener
 * reconnects by itself, and each request ends as exactly one order. The figures are
 * printed for docs/operations.md.
 */
@Tag("failure")
class RabbitMqRestartTests {

	private static final int BUYERS = 20;

	/** Orders per second. */
	private static final int RATE = 40;

	private static final int STOCK = 100_000;

	static PrivateRabbitMq rabbit;

	static TwoNodes nodes;

	@BeforeAll
	static void start() {
		rabbit = PrivateRabbitMq.start();
		try {
			// payment timeouts out of the way: the stock count below is the orders'; the
			// outbox relay as in production (every 30 s for entries older than 1 min), so
			// what is published again within seconds is the reconnect's doing
			nodes = TwoNodes.start(1, true,
					Map.of("spring.rabbitmq.addresses", rabbit.url(), "orderpulse.ordering.payment-timeout", "1h",
							"orderpulse.rabbitmq.resubmit-after", "1m", "orderpulse.rabbitmq.resubmit-interval", "30s",
							"spring.datasource.hikari.maximum-pool-size", "8"));
		}
		catch (RuntimeException ex) {
			rabbit.close();
			throw ex;
		}
	}

	@AfterAll
	static void stop() {
		if (nodes != null) {
			nodes.close();
		}
		if (rabbit != null) {
			rabbit.close();
		}
	}

	@Test
	void ordersAcceptedWhileRabbitMqIsDownOrRestartingAreProcessedOnceEachWhenItIsBack() throws Exception {
		UserSummary admin = nodes.apiA().createUser("Rabbit Restart Org", "admin", Role.ADMIN);
		Catalog catalog = nodes.a().getBean(Catalog.class);
		long productId = catalog.addProduct(catalog.openShop(admin.orgId(), "Restart Shop"), "Restart Tea",
				new BigDecimal("1.00"), STOCK);
		List<UserSummary> buyers = nodes.a()
			.getBean(UserAccounts.class)
			.createBenchUsers(admin.orgId(), "rabbit-restart-" + System.nanoTime(), BUYERS);
		Map<Long, String> tokens = new ConcurrentHashMap<>();
		buyers.forEach((buyer) -> tokens.put(buyer.id(), nodes.apiA().tokenFor(buyer)));
		JdbcClient jdbc = nodes.a().getBean(JdbcClient.class);
		String queue = nodes.a().getBean(WorkQueues.class).name(WorkQueues.ORDER_REQUESTS);

		Placing placing = new Placing(buyers, tokens, productId);
		Thread placer = Thread.ofVirtual().name("rabbit-restart-orders").start(placing);
		try {
			await().atMost(Duration.ofSeconds(20))
				.pollInterval(Duration.ofMillis(50))
				.until(() -> completed(jdbc, placing.accepted) >= 20);
			int beforeStop = placing.accepted.size();
			long stopping = System.nanoTime();
			rabbit.stop();
			long stoppedMillis = (System.nanoTime() - stopping) / 1_000_000;
			long downAt = System.nanoTime();
			await().pollDelay(Duration.ofSeconds(3)).until(() -> true);
			int pendingWhileDown = placing.accepted.size() - completed(jdbc, placing.accepted);
			rabbit.startAgain();
			long backAt = System.nanoTime();
			int acceptedByBack = placing.accepted.size();
			await().pollDelay(Duration.ofSeconds(2)).until(() -> true);
			placing.stop(placer);
			int accepted = placing.accepted.size();

			// everything accepted while the broker was away reaches the queue and is
			// processed
			List<Request> untilBack = List.copyOf(placing.accepted).subList(0, acceptedByBack);
			await().atMost(Duration.ofSeconds(45))
				.pollInterval(Duration.ofMillis(100))
				.until(() -> completed(jdbc, untilBack) == untilBack.size());
			long recoveredMillis = (System.nanoTime() - backAt) / 1_000_000;
			await().atMost(Duration.ofSeconds(30))
				.pollInterval(Duration.ofMillis(100))
				.until(() -> completed(jdbc, placing.accepted) == accepted);
			// the outbox is empty: no publication is left to be sent again
			await().atMost(Duration.ofSeconds(10))
				.until(() -> jdbc.sql("select count(*) from event_publication where completion_date is null")
					.query(Long.class)
					.single() == 0);

			assertThat(placing.refused).as("responses other than 202").isEmpty();
			long orders = jdbc.sql("select count(*) from orders where org_id = ?")
				.param(admin.orgId())
				.query(Long.class)
				.single();
			long requestsWithOneOrder = jdbc
				.sql("""
						select count(*) from order_requests r
						where r.org_id = ? and r.status = 'COMPLETED'
						and (select count(*) from orders o where o.buyer_id = r.buyer_id and o.request_id = r.request_id) = 1
						""")
				.param(admin.orgId())
				.query(Long.class)
				.single();
			int stock = jdbc.sql("select stock from products where id = ?")
				.param(productId)
				.query(Integer.class)
				.single();
			double processed = nodes.a()
				.getBean(MeterRegistry.class)
				.find("orderpulse.broker.messages")
				.tag("queue", queue)
				.tag("outcome", "acknowledged")
				.counters()
				.stream()
				.mapToDouble((counter) -> counter.count())
				.sum();
			assertThat(orders).as("orders").isEqualTo(accepted);
			assertThat(requestsWithOneOrder).as("requests with exactly one order").isEqualTo(accepted);
			assertThat(stock).as("stock").isEqualTo(STOCK - accepted);
			assertThat(deadLetters(jdbc)).as("dead letters").isZero();
			System.out.printf("FAILURE RabbitMQ stopped (%d ms) and down %d ms until it accepted connections again: "
					+ "%d orders accepted (202) in all, %d before the stop, %d while it was down or starting "
					+ "(%d not yet processed 3 s into the outage), %d processed, 0 lost, %d duplicated orders "
					+ "(%d messages acknowledged: redeliveries and republished outbox entries created nothing); "
					+ "all orders accepted by the restart processed %d ms after it%n", stoppedMillis,
					(backAt - downAt) / 1_000_000, accepted, beforeStop, acceptedByBack - beforeStop, pendingWhileDown,
					orders, orders - requestsWithOneOrder, (long) processed, recoveredMillis);
		}
		finally {
			placing.running.set(false);
			placer.join(Duration.ofSeconds(10));
		}
	}

	private static int completed(JdbcClient jdbc, Queue<Request> accepted) {
		return completed(jdbc, List.copyOf(accepted));
	}

	private static int completed(JdbcClient jdbc, List<Request> requests) {
		if (requests.isEmpty()) {
			return 0;
		}
		return jdbc.sql("select count(*) from order_requests where request_id = any(?) and status = 'COMPLETED'")
			.param(requests.stream().map(Request::key).toArray(String[]::new))
			.query(Integer.class)
			.single();
	}

	private static long deadLetters(JdbcClient jdbc) {
		return jdbc.sql("select count(*) from dead_letters").query(Long.class).single();
	}

	record Request(long buyerId, String key) {
	}

	/**
	 * Places one-item orders over HTTP, round robin over the buyers, at {@link #RATE} per
	 * second until stopped.
	 */
	static final class Placing implements Runnable {

		private final List<UserSummary> buyers;

		private final Map<Long, String> tokens;

		private final long productId;

		final Queue<Request> accepted = new ConcurrentLinkedQueue<>();

		final Queue<String> refused = new ConcurrentLinkedQueue<>();

		final AtomicBoolean running = new AtomicBoolean(true);

		Placing(List<UserSummary> buyers, Map<Long, String> tokens, long productId) {
			this.buyers = buyers;
			this.tokens = tokens;
			this.productId = productId;
		}

		@Override
		public void run() {
			long started = System.nanoTime();
			long n = 0;
			while (this.running.get()) {
				UserSummary buyer = this.buyers.get((int) (n % this.buyers.size()));
				String key = "restart-" + UUID.randomUUID();
				Response response = nodes.apiA()
					.send(nodes.apiA()
						.request("/api/v1/orders", this.tokens.get(buyer.id()))
						.header("Idempotency-Key", key)
						.timeout(Duration.ofSeconds(10))
						.POST(BodyPublishers.ofString(
								"{\"items\": [{\"productId\": %d, \"quantity\": 1}]}".formatted(this.productId))));
				if (response.status() == 202) {
					this.accepted.add(new Request(buyer.id(), key));
				}
				else {
					this.refused.add(response.toString());
				}
				n++;
				long wait = started + n * 1_000_000_000L / RATE - System.nanoTime();
				if (wait > 0) {
					try {
						Thread.sleep(Duration.ofNanos(wait));
					}
					catch (InterruptedException ex) {
						return;
					}
				}
			}
		}

		void stop(Thread thread) throws InterruptedException {
			this.running.set(false);
			thread.join(Duration.ofSeconds(15));
		}

	}

}
