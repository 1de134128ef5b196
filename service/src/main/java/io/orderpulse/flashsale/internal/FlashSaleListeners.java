package io.orderpulse.flashsale.internal;

import io.orderpulse.ordering.OrderEvents.OrderCancelled;
import io.orderpulse.ordering.OrderEvents.OrderRefunded;

import org.springframework.scheduling.annotation.Async;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Returns the stock of cancelled or refunded flash-sale orders, asynchronously after the
 * publishing transaction commits. Spring Modulith's event publication registry records
 * both events, so one not handled (a crash) is handled again on restart; both steps are
 * idempotent. (Orders of admissions: {@link InProcessFlashSaleOrders} or
 * {@link FlashSaleOrderQueue}.)
 */
@Component
class FlashSaleListeners {

	private final AdmissionReleases releases;

	FlashSaleListeners(AdmissionReleases releases) {
		this.releases = releases;
	}

	@Async
	@TransactionalEventListener
	void on(OrderCancelled cancelled) {
		this.releases.orderCancelled(cancelled.orderId());
	}

	@Async
	@TransactionalEventListener
	void on(OrderRefunded refunded) {
		this.releases.orderCancelled(refunded.orderId());
	}

}
