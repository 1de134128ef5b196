package io.orderpulse.bench;

import java.time.Instant;

/**
 * The state of a paced benchmark run.
 *
 * @param runId the run's id; each event's {@code benchId} is {@code <runId>-<index>} with
 * an index from 0 to {@code events - 1}
 * @param kind {@code publish} or {@code broadcast}
 * @param events how many events the run sends
 * @param ratePerSecond the paced rate
 * @param sent events handed to the publish path so far
 * @param failed events whose publish failed
 * @param done whether every event has been handed over and finished
 * @param startedAt when the first event was due
 */
public record BenchRun(String runId, String kind, long events, int ratePerSecond, long sent, long failed, boolean done,
		Instant startedAt) {

}
