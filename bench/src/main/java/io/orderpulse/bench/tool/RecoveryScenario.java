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

/**
 * {@code targeted}, but while events flow a fraction of the clients drop their connection
 * every second and come back after a pause, resuming after the last sequence number they
 * received: every event must still arrive exactly once and in order. Also reports the
 * resume time (reconnect to the subscription's receipt).
 */
@Command(name = "recovery", mixinStandardHelpOptions = true,
		description = "Like targeted, but every second --drop-fraction of the sessions disconnect and resume after --pause-ms.")
class RecoveryScenario extends TargetedScenario {

	@Option(names = "--drop-fraction", defaultValue = "0.1",
			description = "Share of the sessions dropped each second (default: ${DEFAULT-VALUE}).")
	double dropFraction;

	@Option(names = "--pause-ms", defaultValue = "500",
			description = "How long a dropped client stays away (default: ${DEFAULT-VALUE}).")
	int pauseMillis;

	@Override
	String name() {
		return "recovery";
	}

	@Override
	void whilePublishing(StompSessions sessions, List<BenchUser> users, AtomicLongArray lastSeq, long publishEndMillis,
			Report report) throws InterruptedException {
		report.option("dropFraction", this.dropFraction).option("pauseMillis", this.pauseMillis);
		List<String> destinations = List.of(this.destination);
		Histogram resume = Percentiles.millis();
		int drops = 0;
		int failedResumes = 0;
		Random random = new Random(42);
		int perRound = (int) Math.max(1, Math.round(users.size() * this.dropFraction));
		while (System.currentTimeMillis() < publishEndMillis) {
			long roundStart = System.currentTimeMillis();
			List<Integer> dropped = random.ints(perRound, 0, users.size()).distinct().boxed().toList();
			CompletableFuture.allOf(dropped.stream().map(sessions::disconnect).toArray(CompletableFuture[]::new))
				.join();
			drops += dropped.size();
			Thread.sleep(this.pauseMillis);
			List<CompletableFuture<Long>> reopened = new ArrayList<>();
			for (int index : dropped) {
				reopened.add(sessions.open(index, users.get(index).token(), destinations, lastSeq.get(index)));
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
		Map<String, Object> recovery = new LinkedHashMap<>();
		recovery.put("disconnects", drops);
		recovery.put("failedResumes", failedResumes);
		recovery.put("resumeMillis", Percentiles.of(resume));
		report.result("recovery", recovery);
		if (failedResumes > 0) {
			report.problem(failedResumes + " resumes failed");
		}
	}

}
