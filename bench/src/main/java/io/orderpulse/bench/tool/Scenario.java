package io.orderpulse.bench.tool;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import io.orderpulse.bench.tool.ServiceApi.BenchUser;
import org.HdrHistogram.Histogram;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Mixin;

/**
 * What every scenario does: log in, create users, open sessions at a paced rate, write
 * the report. A scenario is bounded in time and stops by itself.
 */
abstract class Scenario implements Callable<Integer> {

	static final Logger log = LoggerFactory.getLogger("orderpulse-bench");

	@Mixin
	CommonOptions common = new CommonOptions();

	ServiceApi api;

	/**
	 * Runs the scenario, filling the report.
	 */
	abstract void run(Report report) throws Exception;

	abstract String name();

	@Override
	public Integer call() throws Exception {
		Report report = new Report(name());
		this.common.describe(report);
		this.api = new ServiceApi(this.common.base());
		if (this.common.token != null) {
			this.api.useToken(this.common.token);
		}
		else {
			this.api.login(this.common.username, this.common.password);
		}
		run(report);
		Path json = report.write(this.common.reportDir);
		log.info("Report: {}\n{}", json, report.markdown(report.document()));
		return report.ok() ? 0 : 1;
	}

	List<BenchUser> createUsers(int count) {
		long started = System.nanoTime();
		String prefix = name().charAt(0) + Long.toString(System.currentTimeMillis(), 36);
		List<BenchUser> users = this.api.createUsers(prefix, count);
		log.info("Created {} users ({}-1..) with tokens in {} ms", users.size(), prefix,
				(System.nanoTime() - started) / 1_000_000);
		return users;
	}

	/**
	 * Opens one session per user, at most {@code --connect-rate} new sessions a second
	 * and {@code --connect-concurrency} at once, and records the outcome in the report.
	 */
	void openAll(StompSessions sessions, List<BenchUser> users, List<String> destinations, Report report)
			throws InterruptedException {
		Semaphore inFlight = new Semaphore(this.common.connectConcurrency);
		Histogram latency = Percentiles.millis();
		AtomicInteger failed = new AtomicInteger();
		Map<String, Integer> failures = new ConcurrentHashMap<>();
		CountDownLatch done = new CountDownLatch(users.size());
		long[] lastDone = new long[1];
		long start = System.nanoTime();
		double interval = 1e9 / this.common.connectRate;
		for (int i = 0; i < users.size(); i++) {
			long due = start + (long) (i * interval);
			long wait;
			while ((wait = due - System.nanoTime()) > 0) {
				LockSupport.parkNanos(wait);
			}
			inFlight.acquire();
			sessions.open(i, users.get(i).token(), destinations).whenComplete((nanos, error) -> {
				synchronized (latency) {
					if (error == null) {
						latency.recordValue(Math.max(0, nanos / 1_000_000));
					}
					else {
						failed.incrementAndGet();
						failures.merge(String.valueOf(error.getMessage()), 1, Integer::sum);
					}
					lastDone[0] = System.nanoTime();
				}
				inFlight.release();
				done.countDown();
			});
			if ((i + 1) % 5000 == 0) {
				log.info("{} sessions opening or open ({} failed)", i + 1, failed.get());
			}
		}
		if (!done.await(120, TimeUnit.SECONDS)) {
			report.problem("sessions still opening after 120 s");
		}
		long elapsed;
		synchronized (latency) {
			elapsed = lastDone[0] - start;
		}
		int opened = users.size() - failed.get();
		Map<String, Object> connect = new java.util.LinkedHashMap<>();
		connect.put("requested", users.size());
		connect.put("connected", opened);
		connect.put("failed", failed.get());
		if (!failures.isEmpty()) {
			connect.put("failureReasons", failures);
		}
		connect.put("seconds", Math.round(elapsed / 1e7) / 100.0);
		connect.put("sessionsPerSecond", (elapsed > 0) ? Math.round(opened * 1e9 / elapsed) : 0);
		synchronized (latency) {
			connect.put("latencyMillis", Percentiles.of(latency));
		}
		report.result("connect", connect);
		log.info("{} of {} sessions subscribed in {} ms ({} failed: {})", opened, users.size(), elapsed / 1_000_000,
				failed.get(), failures);
		if (failed.get() > 0) {
			report.problem(failed.get() + " sessions failed to connect: " + failures);
		}
	}

	StompSessions sessions(StompSessions.Listener listener) {
		return new StompSessions(this.common.ws(), this.common.sourceInetAddresses(), this.common.threads, listener);
	}

	static List<Long> ids(List<BenchUser> users) {
		List<Long> ids = new ArrayList<>(users.size());
		users.forEach((user) -> ids.add(user.id()));
		return ids;
	}

	static void sleepSeconds(double seconds) throws InterruptedException {
		Thread.sleep((long) (seconds * 1000));
	}

}
