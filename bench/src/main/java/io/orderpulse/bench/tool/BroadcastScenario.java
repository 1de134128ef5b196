package io.orderpulse.bench.tool;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.orderpulse.bench.tool.ServiceApi.BenchUser;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;

/**
 * N sessions subscribed to the announcements; K announcements; the time until every
 * session has each one, deliveries per second.
 */
@Command(name = "broadcast", mixinStandardHelpOptions = true,
		description = "Connect --sessions sessions to /topic/announcements, broadcast --count announcements, measure fan-out.")
class BroadcastScenario extends Scenario {

	@Option(names = "--count", defaultValue = "5", description = "Announcements (default: ${DEFAULT-VALUE}).")
	int count;

	@Option(names = "--rate", defaultValue = "1", description = "Announcements per second (default: ${DEFAULT-VALUE}).")
	int rate;

	@Option(names = "--drain", defaultValue = "30",
			description = "Seconds to wait for late deliveries after the last is due (default: ${DEFAULT-VALUE}).")
	int drain;

	@Override
	String name() {
		return "broadcast";
	}

	@Override
	void run(Report report) throws Exception {
		report.option("count", this.count).option("rate", this.rate);
		List<BenchUser> users = createUsers(this.common.sessions);
		List<Object[]> early = new ArrayList<>();
		BroadcastStats[] stats = new BroadcastStats[1];
		Object lock = new Object();
		try (StompSessions sessions = sessions((session, frame, at) -> {
			BenchPayload payload = BenchPayload.parse(frame.body());
			if (payload == null) {
				return;
			}
			synchronized (lock) {
				if (stats[0] == null) {
					early.add(new Object[] { session, payload, at });
					return;
				}
			}
			stats[0].received(session, payload, at);
		})) {
			openAll(sessions, users, List.of("/topic/announcements"), report);
			JsonNode run = this.api.broadcast(this.count, this.rate);
			String runId = run.get("runId").asString();
			synchronized (lock) {
				stats[0] = new BroadcastStats(runId, users.size(), this.count);
				for (Object[] e : early) {
					stats[0].received((int) e[0], (BenchPayload) e[1], (long) e[2]);
				}
			}
			log.info("Run {}: {} announcements at {}/s to {} sessions", runId, this.count, this.rate, users.size());
			long deadline = System.currentTimeMillis() + this.count * 1000L / this.rate + this.drain * 1000L;
			while (stats[0].deliveries() < stats[0].expected() && System.currentTimeMillis() < deadline) {
				Thread.sleep(50);
			}
			Thread.sleep(500);
			JsonNode state = this.api.run(runId);
			report.result("runId", runId);
			report.result("serverRun", Map.of("sent", state.get("sent").asLong(), "failed",
					state.get("failed").asLong(), "done", state.get("done").asBoolean()));
			Map<String, Object> results = stats[0].results();
			report.result("delivery", results);
			report.result("sessionsDropped", sessions.droppedSessions());
			long lost = (long) results.get("lost");
			long duplicated = (long) results.get("duplicated");
			if (lost > 0) {
				report.problem(lost + " deliveries lost");
			}
			if (duplicated > 0) {
				report.problem(duplicated + " deliveries duplicated");
			}
		}
	}

}
