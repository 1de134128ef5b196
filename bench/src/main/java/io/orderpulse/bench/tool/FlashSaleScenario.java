package io.orderpulse.bench.tool;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import io.netty.handler.codec.http.HttpMethod;
import io.orderpulse.bench.tool.ServiceApi.BenchUser;
import org.HdrHistogram.Histogram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * U distinct users race for one flash-sale item with stock S: attempts per second,
 * response latency, and the correctness check (exactly S admitted when U >= S, none twice
 * for a user, every repeated click refused).
 */
@Command(name = "flashsale", mixinStandardHelpOptions = true,
		description = "--sessions distinct users each attempt --clicks times, as fast as --concurrency allows, for one item with --stock units.")
class FlashSaleScenario extends Scenario {

	@Option(names = "--stock", defaultValue = "1000", description = "Units on sale (default: ${DEFAULT-VALUE}).")
	int stock;

	@Option(names = "--clicks", defaultValue = "1",
			description = "Attempts per user; the repeats must consume nothing (default: ${DEFAULT-VALUE}).")
	int clicks;

	@Option(names = "--concurrency", defaultValue = "128",
			description = "Attempts in flight at most (default: ${DEFAULT-VALUE}).")
	int concurrency;

	@Mixin
	MerchantOptions merchant = new MerchantOptions();

	@Override
	String name() {
		return "flashsale";
	}

	@Override
	void run(Report report) throws Exception {
		String merchantToken = this.merchant.token(this.api);
		long product = this.api.createProduct(merchantToken, "Flash item " + System.currentTimeMillis(), "9.99", 1);
		long item = this.api.createFlashSale(product, "1.99", this.stock);
		List<BenchUser> users = createUsers(this.common.sessions);
		report.option("stock", this.stock).option("users", users.size()).option("clicks", this.clicks);
		String path = "/api/v1/flash-sales/" + item + "/attempts";
		Histogram latency = Percentiles.millis();
		Histogram admittedLatency = Percentiles.millis();
		Map<String, AtomicInteger> statuses = new ConcurrentHashMap<>();
		Map<Long, AtomicInteger> admittedPerUser = new ConcurrentHashMap<>();
		AtomicInteger errors = new AtomicInteger();
		int attempts = users.size() * this.clicks;
		CountDownLatch done = new CountDownLatch(attempts);
		long elapsed;
		try (HttpLoad http = new HttpLoad(this.common.base(), this.concurrency, this.common.threads)) {
			long start = System.nanoTime();
			for (int click = 0; click < this.clicks; click++) {
				for (BenchUser user : users) {
					CompletableFuture<HttpLoad.Response> call = http.send(HttpMethod.POST, path,
							Map.of("Authorization", "Bearer " + user.token()), null, 30_000);
					long sent = System.nanoTime();
					call.whenComplete((response, error) -> {
						// a failed attempt (a timeout) counts in the latency too,
						// so a stall shows in p99 and max, not only as an error
						long millis = ((error == null) ? response.nanos() : System.nanoTime() - sent) / 1_000_000;
						boolean admitted = error == null && response.status() == 202;
						synchronized (latency) {
							latency.recordValue(millis);
							if (admitted) {
								admittedLatency.recordValue(millis);
							}
						}
						if (error != null) {
							errors.incrementAndGet();
						}
						else {
							statuses.computeIfAbsent(Integer.toString(response.status()), (code) -> new AtomicInteger())
								.incrementAndGet();
						}
						if (admitted) {
							admittedPerUser.computeIfAbsent(user.id(), (id) -> new AtomicInteger()).incrementAndGet();
						}
						done.countDown();
					});
				}
			}
			done.await();
			elapsed = Math.max(1, System.nanoTime() - start);
		}
		int admitted = statuses.getOrDefault("202", new AtomicInteger()).get();
		long twice = admittedPerUser.values().stream().filter((count) -> count.get() > 1).count();
		Map<String, Object> result = new LinkedHashMap<>();
		result.put("attempts", attempts);
		result.put("attemptsPerSecond", Math.round(attempts * 1e9 / elapsed));
		result.put("seconds", Math.round(elapsed / 1e7) / 100.0);
		result.put("admitted", admitted);
		result.put("statuses", statuses);
		result.put("errors", errors.get());
		result.put("usersAdmittedTwice", twice);
		synchronized (latency) {
			result.put("responseMillis", Percentiles.of(latency));
			result.put("admittedResponseMillis", Percentiles.of(admittedLatency));
		}
		report.result("flashsale", result);
		int expected = Math.min(this.stock, users.size());
		if (admitted != expected) {
			report.problem(admitted + " admitted, expected " + expected);
		}
		if (twice > 0) {
			report.problem(twice + " users admitted twice");
		}
		if (errors.get() > 0) {
			report.problem(errors.get() + " attempts failed");
		}
	}

}
