package io.orderpulse.bench.tool;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;

import io.orderpulse.bench.tool.ServiceApi.BenchUser;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;

/**
 * N users connected; per-user events published by the service's paced generator through
 * the real publish path; deliveries per second, latency from each event's due time to its
 * receipt, lost and duplicated events.
 */
@Command(name = "targeted", mixinStandardHelpOptions = true,
		description = "Connect --sessions users, have the service publish per-user events at --rate for --duration, measure delivery.")
class TargetedScenario extends Scenario {

	@Option(names = "--rate", defaultValue = "1000",
			description = "Events per second in total (default: ${DEFAULT-VALUE}).")
	int rate;

	@Option(names = "--duration", defaultValue = "10",
			description = "Seconds of publishing (default: ${DEFAULT-VALUE}).")
	int duration;

	@Option(names = "--per-user",
			description = "Events per user; by default rate x duration / sessions, rounded, at least 1.")
	Integer perUser;

	@Option(names = "--drain", defaultValue = "30",
			description = "Seconds to wait for late events after the last is due (default: ${DEFAULT-VALUE}).")
	int drain;

	@Option(names = "--destination", defaultValue = "/user/queue/messages",
			description = "The per-user queue (default: ${DEFAULT-VALUE}).")
	String destination;

	@Override
	String name() {
		return "targeted";
	}

	@Override
	void run(Report report) throws Exception {
		List<BenchUser> users = createUsers(this.common.sessions);
		int events = (this.perUser != null) ? this.perUser
				: (int) Math.max(1, Math.round((double) this.rate * this.duration / users.size()));
		report.option("rate", this.rate)
			.option("durationSeconds", this.duration)
			.option("perUser", events)
			.option("destination", this.destination);
		List<Object[]> early = new ArrayList<>();
		TargetedStats[] stats = new TargetedStats[1];
		Object lock = new Object();
		AtomicLongArray lastSeq = new AtomicLongArray(users.size());
		try (StompSessions sessions = sessions((session, frame, at) -> {
			BenchPayload payload = BenchPayload.parse(frame.body());
			if (payload == null) {
				return;
			}
			String seqHeader = frame.header("x-seq");
			long seq = (seqHeader != null) ? Long.parseLong(seqHeader) : -1;
			lastSeq.accumulateAndGet(session, seq, Math::max);
			synchronized (lock) {
				if (stats[0] == null) {
					early.add(new Object[] { session, seq, payload, at });
					return;
				}
			}
			stats[0].received(session, seq, payload, at);
		})) {
			openAll(sessions, users, List.of(this.destination), report);
			Map<String, Object> request = new LinkedHashMap<>();
			request.put("userIds", ids(users));
			request.put("perUser", events);
			request.put("ratePerSecond", this.rate);
			request.put("destination", this.destination);
			JsonNode run = this.api.publish(request);
			String runId = run.get("runId").asString();
			long expected = run.get("events").asLong();
			synchronized (lock) {
				stats[0] = new TargetedStats(runId, expected, users.size());
				for (Object[] e : early) {
					stats[0].received((int) e[0], (long) e[1], (BenchPayload) e[2], (long) e[3]);
				}
			}
			log.info("Run {}: {} events ({} per user) at {}/s", runId, expected, events, this.rate);
			whilePublishing(sessions, users, lastSeq, System.currentTimeMillis() + expected * 1000 / this.rate, report);
			long deadline = System.currentTimeMillis() + expected * 1000 / this.rate + this.drain * 1000L;
			long lastLog = 0;
			while (stats[0].unique() < expected && System.currentTimeMillis() < deadline) {
				Thread.sleep(100);
				if (System.currentTimeMillis() - lastLog >= 1000) {
					lastLog = System.currentTimeMillis();
					log.info("received {} of {}", stats[0].unique(), expected);
				}
			}
			Thread.sleep(500); // duplicates arrive after the last unique event, if at all
			JsonNode state = this.api.run(runId);
			report.result("runId", runId);
			report.result("serverRun", Map.of("sent", state.get("sent").asLong(), "failed",
					state.get("failed").asLong(), "done", state.get("done").asBoolean()));
			report.result("delivery", stats[0].results());
			report.result("sessionsDropped", sessions.droppedSessions());
			if (stats[0].lost() > 0) {
				report.problem(stats[0].lost() + " events lost");
			}
			if (stats[0].duplicated() > 0) {
				report.problem(stats[0].duplicated() + " events duplicated");
			}
		}
	}

	/**
	 * Runs while the service publishes, until {@code publishEndMillis}; nothing by
	 * default.
	 * @param lastSeq the highest {@code x-seq} each session has received
	 */
	void whilePublishing(StompSessions sessions, List<BenchUser> users, AtomicLongArray lastSeq, long publishEndMillis,
			Report report) throws InterruptedException {
	}

}
