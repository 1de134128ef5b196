package io.orderpulse.bench.tool;

import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.Map;

import org.HdrHistogram.Histogram;

/**
 * Accounting of a run of per-user events: every expected event counted once, latency from
 * its due time to its receipt, duplicates, events of other runs, and per-session order of
 * {@code x-seq}. Thread-safe.
 */
final class TargetedStats {

	private final String runId;

	private final long expected;

	private final BitSet seen;

	private final Histogram latency = Percentiles.millis();

	private final long[] lastSeq;

	private long unique;

	private long duplicated;

	private long foreign;

	private long outOfOrder;

	private long firstDueAt = Long.MAX_VALUE;

	private long lastReceivedAt;

	TargetedStats(String runId, long expected, int sessions) {
		this.runId = runId;
		this.expected = expected;
		this.seen = new BitSet((int) Math.min(Integer.MAX_VALUE, expected));
		this.lastSeq = new long[sessions];
	}

	/**
	 * Records a received MESSAGE of a session.
	 * @param seq its {@code x-seq}, or -1 if it had none
	 */
	synchronized void received(int session, long seq, BenchPayload payload, long receivedAt) {
		long index = payload.indexIn(this.runId);
		if (index < 0 || index >= this.expected) {
			this.foreign++;
			return;
		}
		if (seq >= 0) {
			if (seq <= this.lastSeq[session]) {
				this.outOfOrder++;
			}
			this.lastSeq[session] = Math.max(this.lastSeq[session], seq);
		}
		if (this.seen.get((int) index)) {
			this.duplicated++;
			return;
		}
		this.seen.set((int) index);
		this.unique++;
		this.latency.recordValue(Math.max(0, receivedAt - payload.dueAt()));
		this.firstDueAt = Math.min(this.firstDueAt, payload.dueAt());
		this.lastReceivedAt = Math.max(this.lastReceivedAt, receivedAt);
	}

	synchronized long unique() {
		return this.unique;
	}

	synchronized long lost() {
		return this.expected - this.unique;
	}

	synchronized long duplicated() {
		return this.duplicated;
	}

	synchronized Map<String, Object> results() {
		Map<String, Object> results = new LinkedHashMap<>();
		results.put("expected", this.expected);
		results.put("received", this.unique);
		results.put("lost", this.expected - this.unique);
		results.put("duplicated", this.duplicated);
		results.put("otherRuns", this.foreign);
		results.put("outOfOrder", this.outOfOrder);
		long spanMillis = this.lastReceivedAt - this.firstDueAt;
		results.put("deliveriesPerSecond",
				(this.unique > 0 && spanMillis > 0) ? Math.round(this.unique * 1000.0 / spanMillis) : 0);
		results.put("latencyFromDueAtMillis", Percentiles.of(this.latency));
		return results;
	}

}
