package io.orderpulse.flashsale.internal;

import java.time.Instant;

import io.orderpulse.ordering.OrderTimeouts;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The flash sale's scheduled jobs, each on one node at a time (ShedLock): cancel
 * flash-sale orders whose payment timed out, and reconcile admissions with orders.
 */
@Component
class FlashSaleJobs {

	private static final Logger log = LoggerFactory.getLogger(FlashSaleJobs.class);

	private final AdmissionReconciliation reconciliation;

	private final OrderTimeouts timeouts;

	private final FlashSaleSettings settings;

	FlashSaleJobs(AdmissionReconciliation reconciliation, OrderTimeouts timeouts, FlashSaleSettings settings) {
		this.reconciliation = reconciliation;
		this.timeouts = timeouts;
		this.settings = settings;
	}

	/**
	 * Cancels flash-sale orders still unpaid after the flash sale's payment timeout; each
	 * cancellation returns its unit, the buyer's mark and the sold-out flag (through
	 * {@link io.orderpulse.ordering.OrderEvents.OrderCancelled}).
	 */

	@Scheduled(fixedDelayString = "${orderpulse.flashsale.timeout-check:PT30S}", initialDelayString = "PT30S")
	@SchedulerLock(name = "flashsale.cancelUnpaid", lockAtMostFor = "PT5M")
	void cancelUnpaid() {
		int cancelled = this.timeouts.cancelUnpaidFixedPriceOrders(Instant.now(), this.settings.paymentTimeout());
		if (cancelled > 0) {
			log.info("Cancelled {} flash-sale orders whose payment timed out", cancelled);
		}
	}

	@Scheduled(fixedDelayString = "${orderpulse.flashsale.reconcile-interval:PT1M}", initialDelayString = "PT45S")
	@SchedulerLock(name = "flashsale.reconcile", lockAtMostFor = "PT5M")
	void reconcile() {
		int released = this.reconciliation.reconcile(Instant.now());
		if (released > 0) {
			log.warn("Released {} flash-sale admissions that never became orders", released);
		}
	}

}
