package io.orderpulse.ordering.internal;

import com.rabbitmq.client.Channel;
import io.orderpulse.ordering.OrderEvents.OrderRequested;
import io.orderpulse.ordering.Orders;
import io.orderpulse.platform.broker.BrokerSettings;
import io.orderpulse.platform.broker.WorkQueues;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Async;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Order requests through RabbitMQ ({@code orderpulse.broker=rabbitmq}, in place of
 * {@link OrderProcessor}). After the request commits, the {@link OrderRequested} event
 * recorded in Spring Modulith's event publication registry (the outbox) is published to
 * the durable {@code order-requests} queue; the registry entry is completed only once the
 * broker confirmed it, so an unconfirmed request is published again (on restart). Any
 * node consumes the queue; processing is idempotent per request, so a redelivered message
 * creates one order.
 */
@Component
@ConditionalOnProperty(name = BrokerSettings.BROKER, havingValue = BrokerSettings.RABBITMQ)
class OrderRequestQueue {

	private final WorkQueues queues;

	private final Orders orders;

	OrderRequestQueue(WorkQueues queues, Orders orders) {
		this.queues = queues;
		this.orders = orders;
	}

	@Async
	@TransactionalEventListener
	void on(OrderRequested requested) {
		this.queues.publish(WorkQueues.ORDER_REQUESTS, requested, requested.orgId());
	}

	@RabbitListener(queues = "#{@workQueues.name('order-requests')}", ackMode = "MANUAL")
	void consume(Message message, Channel channel) {
		this.queues.handle(message, channel, OrderRequested.class,
				(requested) -> this.orders.process(requested.buyerId(), requested.requestId()));
	}

}
