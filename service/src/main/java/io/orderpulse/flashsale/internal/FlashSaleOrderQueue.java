package io.orderpulse.flashsale.internal;

import io.orderpulse.flashsale.FlashSaleAdmitted;
import io.orderpulse.platform.broker.BrokerQueues;
import io.orderpulse.platform.broker.BrokerSettings;

import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.scheduling.annotation.Async;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Flash-sale order creation through the broker ({@code orderpulse.broker=rabbitmq} or
 * {@code kafka}, in place of {@link InProcessFlashSaleOrders}): each committed admission,
 * recorded in the event publication registry, is published to the durable
 * {@code flash-sale-orders} queue (topic, keyed by the buyer) and its registry entry
 * completed once the broker confirmed it. Creating the order is idempotent per admission,
 * so a redelivered message creates one order.
 */
@Component
@ConditionalOnExpression(BrokerSettings.ON_BROKER)
class FlashSaleOrderQueue {

	private final BrokerQueues queues;

	FlashSaleOrderQueue(BrokerQueues queues, AdmissionOrders orders) {
		this.queues = queues;
		queues.consume(BrokerQueues.FLASH_SALE_ORDERS, FlashSaleAdmitted.class, orders::placeOrder);
	}

	@Async
	@TransactionalEventListener
	void on(FlashSaleAdmitted admitted) {
		this.queues.publish(BrokerQueues.FLASH_SALE_ORDERS, admitted, admitted.orgId(),
				Long.toString(admitted.userId()));
	}

}
