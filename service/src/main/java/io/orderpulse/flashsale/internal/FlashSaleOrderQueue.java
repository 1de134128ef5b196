package io.orderpulse.flashsale.internal;

import com.rabbitmq.client.Channel;
import io.orderpulse.flashsale.FlashSaleAdmitted;
import io.orderpulse.flashsale.FlashSales;
import io.orderpulse.platform.broker.BrokerSettings;
import io.orderpulse.platform.broker.WorkQueues;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Async;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Flash-sale order creation through RabbitMQ ({@code orderpulse.broker=rabbitmq}, in
 * place of {@link InProcessFlashSaleOrders}): each committed admission, recorded in the
 * event publication registry, is published to the durable {@code flash-sale-orders} queue
 * and its registry entry completed once the broker confirmed it. Creating the order is
 * idempotent per admission, so a redelivered message creates one order.
 */
@Component
@ConditionalOnProperty(name = BrokerSettings.BROKER, havingValue = BrokerSettings.RABBITMQ)
class FlashSaleOrderQueue {

	private final WorkQueues queues;

	private final FlashSales flashSales;

	FlashSaleOrderQueue(WorkQueues queues, FlashSales flashSales) {
		this.queues = queues;
		this.flashSales = flashSales;
	}

	@Async
	@TransactionalEventListener
	void on(FlashSaleAdmitted admitted) {
		this.queues.publish(WorkQueues.FLASH_SALE_ORDERS, admitted, admitted.orgId());
	}

	@RabbitListener(queues = "#{@workQueues.name('flash-sale-orders')}", ackMode = "MANUAL")
	void consume(Message message, Channel channel) {
		this.queues.handle(message, channel, FlashSaleAdmitted.class, this.flashSales::placeOrder);
	}

}
