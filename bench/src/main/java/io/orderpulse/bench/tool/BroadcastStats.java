package io.orderpulse.bench.tool;

import java.util.Arrays;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.Map;

import org.HdrHistogram.Histogram;

/**
 * Accounting of a broadcast run: which session got which announcement, the time until
 * every session had each announcement, per-delivery latency, duplicates. Thread-safe.
 */
final class BroadcastStats {

	private final String runId;

	private final int sessions;

	private final int count;

	private final BitSet seen;

	private final int[] reached;

	private final long[] dueAt;

	private final long[] lastArrival;

	private final Histogram latency = Percentiles.millis();

	private long deliveries;

	private long duplicated;

	private long foreign;

	private long firstDueAt = Long.MAX_VALUE;

	private long lastReceivedAt;

	BroadcastStats(String runId, int sessions, int count) {
		this.runId = runId;
		this.sessions = sessions;
		this.count = count;
		this.seen = new BitSet(sessions * count);
		this.reached = new int[count];
		this.dueAt = new long[count];
		this.lastArrival = new long[count];
	}

	synchronized void received(int session, BenchPayload payload, long receivedAt) {
		long index = payload.indexIn(this.runId);
		if (index < 0 || index >= this.count) {
			this.foreign++;
			return;
		}
		int announcement = (int) index;
		int bit = session * this.count + announcement;
		if (this.seen.get(bit)) {
			this.duplicated++;
			return;
		}
		this.seen.set(bit);
		this.deliveries++;
		this.reached[announcement]++;
		this.dueAt[announcement] = payload.dueAt();
		this.lastArrival[announcement] = Math.max(this.lastArrival[announcement], receivedAt);
		this.latency.recordValue(Math.max(0, receivedAt - payload.dueAt()));
		this.firstDueAt = Math.min(this.firstDueAt, payload.dueAt());
		this.lastReceivedAt = Math.max(this.lastReceivedAt, receivedAt);
	}

	synchronized long deliveries() {
		return this.deliveries;
	}

	synchronized long expected() {
		return (long) this.sessions * this.count;
	}

	synchronized Map<String, Object> results() {
		Histogram complete = Percentiles.millis();
		int incomplete = 0;
		long fanoutMillis = 0;
		for (int i = 0; i < this.count; i++) {
			if (this.reached[i] == this.sessions) {
				long millis = Math.max(0, this.lastArrival[i] - this.dueAt[i]);
				complete.recordValue(millis);
				fanoutMillis += Math.max(1, millis);
			}
			else {
				incomplete++;
			}
		}
		Map<String, Object> results = new LinkedHashMap<>();
		results.put("sessions", this.sessions);
		results.put("announcements", this.count);
		results.put("expected", expected());
		results.put("received", this.deliveries);
		results.put("lost", expected() - this.deliveries);
		results.put("duplicated", this.duplicated);
		results.put("otherRuns", this.foreign);
		results.put("announcementsNotReachingEverySession", incomplete);
		results.put("reachedPerAnnouncement", Arrays.stream(this.reached).boxed().toList());
		long spanMillis = this.lastReceivedAt - this.firstDueAt;
		// while an announcement fans out, not counting the pauses between announcements
		results.put("fanoutDeliveriesPerSecond", (fanoutMillis > 0)
				? Math.round((long) (this.count - incomplete) * this.sessions * 1000.0 / fanoutMillis) : 0);
		results.put("averageDeliveriesPerSecond",
				(this.deliveries > 0 && spanMillis > 0) ? Math.round(this.deliveries * 1000.0 / spanMillis) : 0);
		results.put("timeUntilEverySessionMillis", Percentiles.of(complete));
		results.put("deliveryLatencyMillis", Percentiles.of(this.latency));
		return results;
	}

}
