package io.orderpulse.flashsale.internal;

import io.orderpulse.flashsale.FlashSales;
import io.orderpulse.ordering.OrderEvents.OrderCancelled;

import org.springframework.scheduling.annotation.Async;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Returns the stock of cancelled flash-sale orders, asynchronously after the cancellation
 * commits. Spring Modulith's event publication registry records the event, so one not
 * handled (a crash) is handled again on restart; the step is idempotent. (Orders of
 * admissions: {@link InProcessFlashSaleOrders} or {@link FlashSaleOrderQueue}.)
 */
@Component
class FlashSaleListeners {

	private final FlashSales flashSales;

	FlashSaleListeners(FlashSales flashSales) {
		this.flashSales = flashSales;
	}

	@Async
	@TransactionalEventListener
	void on(OrderCancelled cancelled) {
		this.flashSales.orderCancelled(cancelled.orderId());
	}

}
