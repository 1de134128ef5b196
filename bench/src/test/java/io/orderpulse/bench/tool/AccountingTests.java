package io.orderpulse.bench.tool;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AccountingTests {

	@Test
	void readsTheBenchPayload() {
		BenchPayload payload = BenchPayload.parse("{\"benchId\":\"ab12-41\",\"dueAt\":1700000000123,\"sentAt\":1}");

		assertThat(payload).isEqualTo(new BenchPayload("ab12-41", 1700000000123L));
		assertThat(payload.indexIn("ab12")).isEqualTo(41);
		assertThat(payload.indexIn("ab1")).isEqualTo(-1);
		assertThat(payload.indexIn("zz")).isEqualTo(-1);
		assertThat(BenchPayload.parse("{ \"benchId\" : \"x-1\", \"dueAt\" : 5 }"))
			.isEqualTo(new BenchPayload("x-1", 5));
		assertThat(BenchPayload.parse("{\"orderId\":3}")).isNull();
	}

	@Test
	void countsLostDuplicatedAndLatencyFromTheDueTime() {
		TargetedStats stats = new TargetedStats("run", 4, 2);

		stats.received(0, 1, new BenchPayload("run-0", 1000), 1010);
		stats.received(1, 1, new BenchPayload("run-1", 1000), 1030);
		stats.received(1, 2, new BenchPayload("run-1", 1000), 1040);
		stats.received(0, 2, new BenchPayload("run-2", 1500), 1600);
		stats.received(0, 3, new BenchPayload("other-2", 1500), 1600);

		Map<String, Object> results = stats.results();
		assertThat(results).containsEntry("expected", 4L)
			.containsEntry("received", 3L)
			.containsEntry("lost", 1L)
			.containsEntry("duplicated", 1L)
			.containsEntry("otherRuns", 1L)
			.containsEntry("outOfOrder", 0L);
		@SuppressWarnings("unchecked")
		Map<String, Object> latency = (Map<String, Object>) results.get("latencyFromDueAtMillis");
		assertThat(latency).containsEntry("count", 3L).containsEntry("max", 100L);
		assertThat((long) latency.get("p50")).isEqualTo(30L);
	}

	@Test
	void noticesASequenceGoingBackwards() {
		TargetedStats stats = new TargetedStats("run", 2, 1);

		stats.received(0, 5, new BenchPayload("run-0", 0), 1);
		stats.received(0, 4, new BenchPayload("run-1", 0), 1);

		assertThat(stats.results()).containsEntry("outOfOrder", 1L).containsEntry("lost", 0L);
	}

	@Test
	void measuresTheTimeUntilEverySessionHasAnAnnouncement() {
		BroadcastStats stats = new BroadcastStats("b", 3, 2);

		stats.received(0, new BenchPayload("b-0", 1000), 1010);
		stats.received(1, new BenchPayload("b-0", 1000), 1020);
		stats.received(2, new BenchPayload("b-0", 1000), 1050);
		stats.received(2, new BenchPayload("b-0", 1000), 1060);
		stats.received(0, new BenchPayload("b-1", 2000), 2005);

		Map<String, Object> results = stats.results();
		assertThat(results).containsEntry("expected", 6L)
			.containsEntry("received", 4L)
			.containsEntry("lost", 2L)
			.containsEntry("duplicated", 1L)
			.containsEntry("announcementsNotReachingEverySession", 1);
		@SuppressWarnings("unchecked")
		Map<String, Object> complete = (Map<String, Object>) results.get("timeUntilEverySessionMillis");
		assertThat(complete).containsEntry("count", 1L).containsEntry("max", 50L);
		assertThat(results).containsEntry("fanoutDeliveriesPerSecond", 60L);
	}

}
