package io.orderpulse.platform.broker;

import java.time.Duration;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

import org.springframework.modulith.events.IncompleteEventPublications;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Broker mode's outbox relay: event publications still incomplete after
 * {@code orderpulse.rabbitmq.resubmit-after} or {@code orderpulse.kafka.resubmit-after}
 * (a publish the broker did not confirm, for example while it was down) are submitted
 * again, on one node at a time, so they reach their queue without waiting for a restart.
 * Every listener is idempotent, so a publication resubmitted while still in progress
 * elsewhere does no harm.
 */
class OutboxResubmission {

	private final IncompleteEventPublications incomplete;

	private final Duration resubmitAfter;

	OutboxResubmission(IncompleteEventPublications incomplete, Duration resubmitAfter) {
		this.incomplete = incomplete;
		this.resubmitAfter = resubmitAfter;
	}

	@Scheduled(
			fixedDelayString = "${orderpulse.kafka.resubmit-interval:${orderpulse.rabbitmq.resubmit-interval:PT30S}}",
			initialDelayString = "PT10S")
	@SchedulerLock(name = "broker.resubmitOutbox", lockAtMostFor = "PT5M")
	void resubmit() {
		this.incomplete.resubmitIncompletePublicationsOlderThan(this.resubmitAfter);
	}

}
