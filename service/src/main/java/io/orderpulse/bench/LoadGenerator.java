package io.orderpulse.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import io.orderpulse.bench.internal.BenchSettings;
import io.orderpulse.realtime.Destinations;
import io.orderpulse.realtime.UserEvents;
import io.orderpulse.realtime.UserEvents.Publication;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.stereotype.Service;

/**
 * Generates paced load through the real publish path. A run's events are due at fixed
 * times ({@code start + i / rate}); one virtual thread waits for each due time, never
 * sleeping when it is behind, and hands the event over to a publishing virtual thread (at
 * most {@link BenchSettings#maxInFlight()} at once). Each payload carries {@code dueAt},
 * the time it was due, so a publish path that cannot keep up shows as latency measured
 * from the due time rather than hiding as a backlog before the send stamp. Per-user
 * events that are due together are published together ({@link UserEvents#publishAll}, at
 * most {@link BenchSettings#maxBatch()}), as a module notifying many users does.
 */
@Service
@ConditionalOnBooleanProperty("orderpulse.bench.enabled")
public class LoadGenerator {

	private static final Logger log = LoggerFactory.getLogger(LoadGenerator.class);

	private static final int KEPT_RUNS = 100;

	private final UserEvents events;

	private final BenchSettings settings;

	private final ExecutorService pacers = Executors
		.newThreadPerTaskExecutor(Thread.ofVirtual().name("bench-pacer-", 0).factory());

	private final ExecutorService publishers = Executors
		.newThreadPerTaskExecutor(Thread.ofVirtual().name("bench-publish-", 0).factory());

	private final Map<String, Run> runs = new LinkedHashMap<>();

	LoadGenerator(UserEvents events, BenchSettings settings) {
		this.events = events;
		this.settings = settings;
	}

	@PreDestroy
	void stop() {
		this.pacers.shutdownNow();
		this.publishers.shutdownNow();
	}

	/**
	 * Starts publishing {@code perUser} events to each user, round robin over the users,
	 * at {@code ratePerSecond} in total.
	 * @param userIds the recipients, checked by the caller
	 * @param destination a per-user queue
	 * @return the run as it starts
	 */
	public BenchRun publish(List<Long> userIds, int perUser, int ratePerSecond, String destination) {
		if (userIds.isEmpty() || !Destinations.isUserQueue(destination)) {
			throw new IllegalArgumentException("Needs users and a per-user queue");
		}
		long total = (long) userIds.size() * perUser;
		Run run = start("publish", total, ratePerSecond);
		Semaphore inFlight = new Semaphore(this.settings.maxInFlight());
		this.pacers.execute(() -> pace(run, this.settings.maxBatch(), (firstIndex, due) -> {
			inFlight.acquireUninterruptibly();
			this.publishers.execute(() -> {
				try {
					// stamped here, as the batch enters the publish path
					List<Publication> batch = new ArrayList<>(due.size());
					for (int i = 0; i < due.size(); i++) {
						long userId = userIds.get((int) ((firstIndex + i) % userIds.size()));
						batch.add(new Publication(userId, destination, due.get(i).sent()));
					}
					this.events.publishAll(batch);
				}
				catch (RuntimeException ex) {
					run.failed(ex, due.size());
				}
				finally {
					inFlight.release();
					run.finished(due.size());
				}
			});
		}));
		return run.state();
	}

	/**
	 * Starts {@code count} announcements to the organization's
	 * {@link Destinations#ANNOUNCEMENTS} subscribers at {@code ratePerSecond}.
	 */
	public BenchRun broadcast(long orgId, int count, int ratePerSecond) {
		Run run = start("broadcast", count, ratePerSecond);
		this.pacers.execute(() -> pace(run, 1, (index, due) -> {
			try {
				this.events.broadcast(orgId, Destinations.ANNOUNCEMENTS, due.get(0).sent());
			}
			catch (RuntimeException ex) {
				run.failed(ex, 1);
			}
			finally {
				run.finished(1);
			}
		}));
		return run.state();
	}

	/**
	 * A run started here, while it is among the last hundred.
	 */
	public Optional<BenchRun> run(String runId) {
		synchronized (this.runs) {
			return Optional.ofNullable(this.runs.get(runId)).map(Run::state);
		}
	}

	private Run start(String kind, long total, int ratePerSecond) {
		String runId = UUID.randomUUID().toString().substring(0, 8);
		Run run = new Run(runId, kind, total, ratePerSecond, System.nanoTime(), System.currentTimeMillis());
		synchronized (this.runs) {
			this.runs.put(runId, run);
			if (this.runs.size() > KEPT_RUNS) {
				this.runs.remove(this.runs.keySet().iterator().next());
			}
		}
		log.info("Bench run {} ({}): {} events at {}/s", runId, kind, total, ratePerSecond);
		return run;
	}

	/**
	 * Hands the run's events over as they come due: whatever is due when the pacer wakes
	 * (at most {@code batchLimit} events) goes as one batch, so a fast rate is published
	 * in batches while a slow one still goes event by event at its due time.
	 */
	private static void pace(Run run, int batchLimit, EventSender sender) {
		double intervalNanos = 1e9 / run.ratePerSecond;
		long index = 0;
		while (index < run.total) {
			long wait;
			while ((wait = run.startNanos + (long) (index * intervalNanos) - System.nanoTime()) > 0) {
				LockSupport.parkNanos(wait);
				if (Thread.currentThread().isInterrupted()) {
					return;
				}
			}
			long firstIndex = index;
			long now = System.nanoTime();
			List<DueEvent> due = new ArrayList<>();
			do {
				long offsetNanos = (long) (index * intervalNanos);
				due.add(new DueEvent(run.runId + "-" + index, run.startEpochMillis + offsetNanos / 1_000_000));
				index++;
			}
			while (index < run.total && due.size() < batchLimit
					&& run.startNanos + (long) (index * intervalNanos) <= now);
			run.sent.addAndGet(due.size());
			sender.send(firstIndex, due);
		}
		log.info("Bench run {} paced all {} events", run.runId, run.total);
	}

	@FunctionalInterface
	private interface EventSender {

		/**
		 * Hands over events that are due, the first of them with run index
		 * {@code firstIndex}, the others following it.
		 */
		void send(long firstIndex, List<DueEvent> due);

	}

	/**
	 * An event as it was scheduled.
	 */
	private record DueEvent(String benchId, long dueAt) {

		/**
		 * The payload, stamped as it enters the publish path.
		 */
		BenchPayload sent() {
			return new BenchPayload(this.benchId, this.dueAt, System.currentTimeMillis());
		}

	}

	/**
	 * The JSON body of every benchmark event.
	 *
	 * @param benchId unique per event: {@code <runId>-<index>}
	 * @param dueAt epoch milliseconds when the paced generator scheduled it
	 * @param sentAt epoch milliseconds when it entered the publish path
	 */
	public record BenchPayload(String benchId, long dueAt, long sentAt) {

	}

	private static final class Run {

		final String runId;

		final String kind;

		final long total;

		final int ratePerSecond;

		final long startNanos;

		final long startEpochMillis;

		final AtomicLong sent = new AtomicLong();

		final AtomicLong finished = new AtomicLong();

		final AtomicLong failed = new AtomicLong();

		Run(String runId, String kind, long total, int ratePerSecond, long startNanos, long startEpochMillis) {
			this.runId = runId;
			this.kind = kind;
			this.total = total;
			this.ratePerSecond = ratePerSecond;
			this.startNanos = startNanos;
			this.startEpochMillis = startEpochMillis;
		}

		void finished(int count) {
			this.finished.addAndGet(count);
		}

		void failed(RuntimeException ex, int count) {
			if (this.failed.getAndAdd(count) == 0) {
				log.warn("Bench run {}: a publish failed (further failures are only counted)", this.runId, ex);
			}
		}

		BenchRun state() {
			return new BenchRun(this.runId, this.kind, this.total, this.ratePerSecond, this.sent.get(),
					this.failed.get(), this.finished.get() >= this.total, Instant.ofEpochMilli(this.startEpochMillis));
		}

	}

}
