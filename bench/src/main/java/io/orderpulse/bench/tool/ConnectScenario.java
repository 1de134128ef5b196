package io.orderpulse.bench.tool;

import java.util.List;
import java.util.Map;

import io.orderpulse.bench.tool.ServiceApi.BenchUser;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * N authenticated sessions, each subscribed to its user queues; held; connect rate and
 * latency, and the server's memory per session above its baseline.
 */
@Command(name = "connect", mixinStandardHelpOptions = true,
		description = "Open --sessions sessions subscribed to their user queues, hold them, measure connects and server memory.")
class ConnectScenario extends Scenario {

	@Option(names = "--hold", defaultValue = "10",
			description = "Seconds to hold the sessions (default: ${DEFAULT-VALUE}).")
	int hold;

	@Override
	String name() {
		return "connect";
	}

	@Override
	void run(Report report) throws Exception {
		report.option("holdSeconds", this.hold);
		List<BenchUser> users = createUsers(this.common.sessions);
		ServerMemory memory = new ServerMemory(this.api, this.common.serverPid);
		Map<String, Long> before = memory.sample();
		try (StompSessions sessions = sessions((session, frame, at) -> {
		})) {
			openAll(sessions, users, List.of("/user/queue/messages", "/user/queue/order-updates"), report);
			log.info("Holding {} sessions for {} s", sessions.openSessions(), this.hold);
			sleepSeconds(this.hold);
			Map<String, Long> after = memory.sample();
			int held = sessions.openSessions();
			report.result("held", held);
			report.result("dropped", sessions.droppedSessions());
			report.result("serverMemoryBefore", before);
			report.result("serverMemoryAfter", after);
			report.result("serverMemoryPerSession", ServerMemory.perSession(before, after, held));
			if (held != users.size()) {
				report.problem("held " + held + " of " + users.size() + " sessions");
			}
		}
	}

}
