package io.orderpulse.bench.tool;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import io.netty.handler.codec.http.HttpMethod;
import io.orderpulse.bench.tool.ServiceApi.BenchUser;
import org.HdrHistogram.Histogram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Buyers place orders over HTTP at a paced rate and wait on their socket for the outcome
 * (COMPLETED or FAILED on {@code /user/queue/order-updates}): orders per second through
 * the whole path (HTTP intake, asynchronous processing with stock taking, stored push)
 * and the time from each order's due time to its outcome.
 */
@Command(name = "orders", mixinStandardHelpOptions = true,
		description = "Connect --sessions buyers, place --rate orders per second for --duration, measure until each is COMPLETED or FAILED.")
class OrdersScenario extends Scenario {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Option(names = "--rate", defaultValue = "200", description = "Orders per second (default: ${DEFAULT-VALUE}).")
	int rate;

	@Option(names = "--duration", defaultValue = "10", description = "Seconds of ordering (default: ${DEFAULT-VALUE}).")
	int duration;

	@Option(names = "--http-concurrency", defaultValue = "64",
			description = "Order requests in flight at most (default: ${DEFAULT-VALUE}).")
	int httpConcurrency;

	@Mixin
	MerchantOptions merchant = new MerchantOptions();

	@Option(names = "--drain", defaultValue = "30",
			description = "Seconds to wait for outcomes after the last order is due (default: ${DEFAULT-VALUE}).")
	int drain;

	@Override
	String name() {
		return "orders";
	}

	@Override
	void run(Report report) throws Exception {
		String merchantToken = this.merchant.token(this.api);
		int orders = this.rate * this.duration;
		long product = this.api.createProduct(merchantToken, "Bench item " + System.currentTimeMillis(), "1.00",
				orders + 1000);
		List<BenchUser> users = createUsers(this.common.sessions);
		report.option("rate", this.rate).option("durationSeconds", this.duration).option("orders", orders);
		Map<String, Long> due = new ConcurrentHashMap<>();
		Histogram latency = Percentiles.millis();
		AtomicInteger completed = new AtomicInteger();
		AtomicInteger failed = new AtomicInteger();
		AtomicInteger rejected = new AtomicInteger();
		long[] lastOutcome = new long[1];
		try (StompSessions sessions = sessions((session, frame, at) -> {
			JsonNode update = JSON.readTree(frame.body());
			String status = update.path("status").asString();
			if (!status.equals("COMPLETED") && !status.equals("FAILED")) {
				return;
			}
			Long dueAt = due.remove(update.path("requestId").asString());
			if (dueAt == null) {
				return;
			}
			(status.equals("COMPLETED") ? completed : failed).incrementAndGet();
			synchronized (latency) {
				latency.recordValue(Math.max(0, System.currentTimeMillis() - dueAt));
				lastOutcome[0] = System.currentTimeMillis();
			}
		})) {
			openAll(sessions, users, List.of("/user/queue/order-updates"), report);
			String body = "{\"items\": [{\"productId\": " + product + ", \"quantity\": 1}]}";
			byte[] bodyBytes = body.getBytes(StandardCharsets.UTF_8);
			long start = System.currentTimeMillis();
			long startNanos = System.nanoTime();
			String run = Long.toString(start, 36);
			try (HttpLoad http = new HttpLoad(this.common.base(), this.httpConcurrency, this.common.threads)) {
				for (int i = 0; i < orders; i++) {
					long dueNanos = startNanos + (long) (i * 1e9 / this.rate);
					long wait;
					while ((wait = dueNanos - System.nanoTime()) > 0) {
						LockSupport.parkNanos(wait);
					}
					String key = run + "-" + i;
					due.put(key, start + (long) (i * 1000.0 / this.rate));
					http.send(HttpMethod.POST, "/api/v1/orders",
							Map.of("Content-Type", "application/json", "Authorization",
									"Bearer " + users.get(i % users.size()).token(), "Idempotency-Key", key),
							bodyBytes, 30_000)
						.whenComplete((response, error) -> {
							if (error != null || response.status() != 202) {
								rejected.incrementAndGet();
								due.remove(key);
							}
						});
				}
				long deadline = System.currentTimeMillis() + this.drain * 1000L;
				while (!due.isEmpty() && System.currentTimeMillis() < deadline) {
					Thread.sleep(100);
				}
			}
			long elapsed;
			synchronized (latency) {
				elapsed = Math.max(1, lastOutcome[0] - start);
			}
			Map<String, Object> outcome = new LinkedHashMap<>();
			outcome.put("placed", orders);
			outcome.put("completed", completed.get());
			outcome.put("failed", failed.get());
			outcome.put("rejected", rejected.get());
			outcome.put("lost", due.size());
			outcome.put("ordersPerSecond", Math.round((completed.get() + failed.get()) * 1000.0 / elapsed));
			synchronized (latency) {
				outcome.put("latencyFromDueAtMillis", Percentiles.of(latency));
			}
			report.result("orders", outcome);
			report.result("sessionsDropped", sessions.droppedSessions());
			if (!due.isEmpty()) {
				report.problem(due.size() + " orders without an outcome");
			}
			if (rejected.get() > 0 || failed.get() > 0) {
				report.problem(rejected.get() + " orders rejected, " + failed.get() + " failed");
			}
		}
	}

}
