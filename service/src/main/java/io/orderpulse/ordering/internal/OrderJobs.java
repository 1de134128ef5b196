package io.orderpulse.ordering.internal;

import java.time.Instant;

import io.orderpulse.ordering.OrderTimeouts;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The scheduled order jobs of seed 001: cancel orders left unpaid, complete orders
 * delivering for long.
 */
@Component
class OrderJobs {

	private static final Logger log = LoggerFactory.getLogger(OrderJobs.class);

	private final OrderTimeouts orders;

	OrderJobs(OrderTimeouts orders) {
		this.orders = orders;
	}

	@Scheduled(fixedDelayString = "${orderpulse.ordering.timeout-check:PT1M}", initialDelayString = "PT30S")
	@SchedulerLock(name = "ordering.cancelUnpaid", lockAtMostFor = "PT5M")
	void cancelUnpaid() {
		int cancelled = this.orders.cancelUnpaid(Instant.now());
		if (cancelled > 0) {
			log.info("Cancelled {} orders whose payment timed out", cancelled);
		}
	}

	@Scheduled(cron = "${orderpulse.ordering.complete-cron:0 0 1 * * *}")
	@SchedulerLock(name = "ordering.completeDelivered", lockAtMostFor = "PT30M")
	void completeDelivered() {
		int completed = this.orders.completeDelivered(Instant.now());
		if (completed > 0) {
			log.info("Completed {} delivered orders", completed);
		}
	}

}
