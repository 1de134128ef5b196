package io.orderpulse.routing.internal;

import java.time.Clock;

import io.orderpulse.routing.Deliveries;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Makes the deliveries that are due: held by quiet hours or a delay until now, or waiting
 * for a retry. One node at a time in a cluster (ShedLock); the records are claimed as
 * well, so an overlap would not send twice. On the embedded default it looks every 5 s;
 * in broker mode the {@link DeliveryWakeups} make held deliveries at their time and this
 * is the safety net for a lost wake-up, so it looks every minute ({@code poll-interval}
 * sets either).
 */
@Component
class DeliveryJobs {

	private static final Logger log = LoggerFactory.getLogger(DeliveryJobs.class);

	private final Deliveries deliveries;

	private final Clock clock;

	DeliveryJobs(Deliveries deliveries, Clock clock) {
		this.deliveries = deliveries;
		this.clock = clock;
	}

	@Scheduled(
			fixedDelayString = "${orderpulse.routing.poll-interval:#{'${orderpulse.broker:in-process}' == 'in-process' ? '5s' : '1m'}}",
			initialDelayString = "10s")
	@SchedulerLock(name = "routing.dueDeliveries", lockAtMostFor = "PT5M")
	void runDue() {
		int attempted = this.deliveries.runDue(this.clock.instant());
		if (attempted > 0) {
			log.debug("Attempted {} due deliveries", attempted);
		}
	}

}
