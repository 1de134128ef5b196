package io.orderpulse.flashsale.internal;

import io.orderpulse.flashsale.FlashSaleAdmitted;
import io.orderpulse.platform.broker.BrokerSettings;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Async;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Creates the orders of admissions asynchronously after the admission commits, in this
 * process (the default broker; {@link FlashSaleOrderQueue} with RabbitMQ). Spring
 * Modulith's event publication registry records the event, so one not handled (a crash)
 * is handled again on restart; creating the order is idempotent.
 */
@Component
@ConditionalOnProperty(name = BrokerSettings.BROKER, havingValue = BrokerSettings.IN_PROCESS, matchIfMissing = true)
class InProcessFlashSaleOrders {

	private final AdmissionOrders orders;

	InProcessFlashSaleOrders(AdmissionOrders orders) {
		this.orders = orders;
	}

	@Async
	@TransactionalEventListener
	void on(FlashSaleAdmitted admitted) {
		this.orders.placeOrder(admitted);
	}

}
