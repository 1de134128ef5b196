package io.orderpulse.bench.tool;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLongArray;

import io.orderpulse.bench.tool.ServiceApi.BenchUser;
import org.HdrHistogram.Histogram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;

/**
 * While per-user events flow, a fraction of the clients drop their connection every
 * second and come back after a pause, resuming after the last sequence number they
 * processed: every event must still arrive exactly once and in order. Reports the resume
 * time (reconnect to the subscription's receipt) and the delivery accounting of
 * {@code targeted}.
 */
@Command(name = "recovery", mixinStandardHelpOptions = true,
		description = "Like targeted, but every second --drop-fraction of the sessions disconnect and resume after --pause-ms.")
class RecoveryScenario extends Scenario {

	private static final String DESTINATION = "/user/queue/messages";

	@Option(names = "--rate", defaultValue = "1000",
			description = "Events per second in total (default: ${DEFAULT-VALUE}).")
	int rate;

	@Option(names = "--duration", defaultValue = "10",
			description = "Seconds of publishing (default: ${DEFAULT-VALUE}).")
	int duration;

	@Option(names = "--drop-fraction", defaultValue = "0.1",
			description = "Share of the sessions dropped each second (default: ${DEFAULT-VALUE}).")
	double dropFraction;

	@Option(names = "--pause-ms", defaultValue = "500",
			description = "How long a dropped client stays away (default: ${DEFAULT-VALUE}).")
	int pauseMillis;

	@Option(names = "--drain", defaultValue = "30",
			description = "Seconds to wait for late events after the last is due (default: ${DEFAULT-VALUE}).")
	int drain;

	@Override
	String name() {
		return "recovery";
	}

	@Override
	void run(Report report) throws Exception {
		List<BenchUser> users = createUsers(this.common.sessions);
		int perUser = (int) Math.max(1, Math.round((double) this.rate * this.duration / users.size()));
		report.option("rate", this.rate)
			.option("durationSeconds", this.duration)
			.option("perUser", perUser)
			.option("dropFraction", this.dropFraction)
			.option("pauseMillis", this.pauseMillis);
		AtomicLongArray lastSeq = new AtomicLongArray(users.size());
		TargetedStats[] stats = new TargetedStats[1];
		List<Object[]> early = new ArrayList<>();
		Object lock = new Object();
		try (StompSessions sessions = sessions((session, frame, at) -> {
			BenchPayload payload = BenchPayload.parse(frame.body());
			String seqHeader = frame.header("x-seq");
			if (payload == null || seqHeader == null) {
				return;
			}
			long seq = Long.parseLong(seqHeader);
			lastSeq.accumulateAndGet(session, seq, Math::max);
			synchronized (lock) {
				if (stats[0] == null) {
					early.add(new Object[] { session, seq, payload, at });
					return;
				}
			}
			stats[0].received(session, seq, payload, at);
		})) {
			openAll(sessions, users, List.of(DESTINATION), report);
			Map<String, Object> request = new LinkedHashMap<>();
			request.put("userIds", ids(users));
			request.put("perUser", perUser);
			request.put("ratePerSecond", this.rate);
			request.put("destination", DESTINATION);
			JsonNode run = this.api.publish(request);
			String runId = run.get("runId").asString();
			long expected = run.get("events").asLong();
			synchronized (lock) {
				stats[0] = new TargetedStats(runId, expected, users.size());
				for (Object[] e : early) {
					stats[0].received((int) e[0], (long) e[1], (BenchPayload) e[2], (long) e[3]);
				}
			}
			log.info("Run {}: {} events, dropping {}% of {} sessions every second", runId, expected,
					Math.round(this.dropFraction * 100), users.size());
			Histogram resume = Percentiles.millis();
			int drops = 0;
			int failedResumes = 0;
			Random random = new Random(42);
			long publishEnd = System.currentTimeMillis() + expected * 1000 / this.rate;
			while (System.currentTimeMillis() < publishEnd) {
				long roundStart = System.currentTimeMillis();
				int count = (int) Math.max(1, Math.round(users.size() * this.dropFraction));
				List<Integer> dropped = new ArrayList<>();
				for (int i = 0; i < count; i++) {
					dropped.add(random.nextInt(users.size()));
				}
				List<Integer> distinct = dropped.stream().distinct().toList();
				CompletableFuture.allOf(distinct.stream().map(sessions::disconnect).toArray(CompletableFuture[]::new))
					.join();
				drops += distinct.size();
				Thread.sleep(this.pauseMillis);
				List<CompletableFuture<Long>> reopened = new ArrayList<>();
				for (int index : distinct) {
					reopened
						.add(sessions.open(index, users.get(index).token(), List.of(DESTINATION), lastSeq.get(index)));
				}
				for (CompletableFuture<Long> future : reopened) {
					try {
						resume.recordValue(Math.max(0, future.join() / 1_000_000));
					}
					catch (RuntimeException ex) {
						failedResumes++;
					}
				}
				long rest = 1000 - (System.currentTimeMillis() - roundStart);
				if (rest > 0) {
					Thread.sleep(rest);
				}
			}
			long deadline = System.currentTimeMillis() + this.drain * 1000L;
			while (stats[0].unique() < expected && System.currentTimeMillis() < deadline) {
				Thread.sleep(100);
			}
			Thread.sleep(500);
			Map<String, Object> recovery = new LinkedHashMap<>();
			recovery.put("disconnects", drops);
			recovery.put("failedResumes", failedResumes);
			recovery.put("resumeMillis", Percentiles.of(resume));
			report.result("runId", runId);
			report.result("recovery", recovery);
			report.result("delivery", stats[0].results());
			if (stats[0].lost() > 0) {
				report.problem(stats[0].lost() + " events lost");
			}
			if (stats[0].duplicated() > 0) {
				report.problem(stats[0].duplicated() + " events duplicated");
			}
			if (failedResumes > 0) {
				report.problem(failedResumes + " resumes failed");
			}
		}
	}

}
