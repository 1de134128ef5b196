package io.orderpulse.realtime.internal;

import java.time.Duration;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.stereotype.Component;

/**
 * The gateway's Micrometer meters ({@code orderpulse.realtime.*}).
 */
@Component
public class RealtimeMetrics {

	private final MeterRegistry registry;

	private final Counter published;

	private final Counter delivered;

	private final Counter acknowledged;

	private final Counter replayed;

	private final Counter broadcasts;

	private final Counter slowConsumers;

	private final Timer publishToWrite;

	RealtimeMetrics(MeterRegistry registry) {
		this.registry = registry;
		this.published = Counter.builder("orderpulse.realtime.events.published")
			.description("Per-user events stored and handed to delivery")
			.register(registry);
		this.delivered = Counter.builder("orderpulse.realtime.events.delivered")
			.description("Event frames written to sessions (live and replayed)")
			.register(registry);
		this.acknowledged = Counter.builder("orderpulse.realtime.events.acknowledged")
			.description("ACK frames received")
			.register(registry);
		this.replayed = Counter.builder("orderpulse.realtime.events.replayed")
			.description("Stored events sent to resuming subscriptions")
			.register(registry);
		this.broadcasts = Counter.builder("orderpulse.realtime.broadcasts")
			.description("Broadcast frames queued to sessions")
			.register(registry);
		this.slowConsumers = Counter.builder("orderpulse.realtime.slow-consumer.disconnects")
			.description("Sessions closed because they did not read fast enough")
			.register(registry);
		this.publishToWrite = Timer.builder("orderpulse.realtime.publish-to-write")
			.description("Time from storing a live event to writing it to a session")
			.publishPercentileHistogram()
			.maximumExpectedValue(Duration.ofSeconds(10))
			.register(registry);
	}

	void sessions(Supplier<Number> open) {
		Gauge.builder("orderpulse.realtime.sessions", open).description("Open STOMP sessions").register(this.registry);
	}

	public void published() {
		this.published.increment();
	}

	public void published(int count) {
		this.published.increment(count);
	}

	void delivered(Duration sincePublished) {
		this.delivered.increment();
		this.publishToWrite.record(sincePublished);
	}

	void delivered() {
		this.delivered.increment();
	}

	void acknowledged() {
		this.acknowledged.increment();
	}

	void replayed(int count) {
		this.replayed.increment(count);
	}

	void broadcast(int frames) {
		this.broadcasts.increment(frames);
	}

	void slowConsumer() {
		this.slowConsumers.increment();
	}

	void refused(String reason) {
		Counter.builder("orderpulse.realtime.frames.refused")
			.description("Frames answered with ERROR, by reason")
			.tag("reason", reason)
			.register(this.registry)
			.increment();
	}

}
