package io.orderpulse.ordering.internal;

import com.rabbitmq.client.Channel;
import io.orderpulse.ordering.OrderEvents.OrderPlaced;
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
 * Delayed payment timeouts through RabbitMQ ({@code orderpulse.broker=rabbitmq}): each
 * placed order (ordinary or flash-sale), recorded in the event publication registry, is
 * published to the {@code payment-timeouts.delay} queue with its payment timeout (the
 * flash sale's for flash-sale orders) as its expiration; RabbitMQ then dead-letters it
 * into {@code payment-timeouts}, whose consumer cancels the order if it is still unpaid
 * (idempotent: a paid or cancelled order is left alone). {@link OrderJobs}' scheduled
 * check stays as a safety net. RabbitMQ expires only the message at a queue's head, so if
 * the flash sale's timeout is configured shorter than the ordinary one, a flash-sale
 * order's message can wait behind a longer one; the flash sale's own scheduled check then
 * cancels that order on time.
 */
@Component
@ConditionalOnProperty(name = BrokerSettings.BROKER, havingValue = BrokerSettings.RABBITMQ)
class PaymentTimeoutQueue {

	private final WorkQueues queues;

	private final Orders orders;

	private final OrderRepository repository;

	private final OrderingSettings settings;

	PaymentTimeoutQueue(WorkQueues queues, Orders orders, OrderRepository repository, OrderingSettings settings) {
		this.queues = queues;
		this.orders = orders;
		this.repository = repository;
		this.settings = settings;
	}

	@Async
	@TransactionalEventListener
	void on(OrderPlaced placed) {
		this.queues.publishDelayed(WorkQueues.PAYMENT_TIMEOUTS, placed, this.repository.orgOf(placed.orderId()),
				(placed.paymentTimeout() != null) ? placed.paymentTimeout() : this.settings.paymentTimeout());
	}

	@RabbitListener(queues = "#{@workQueues.name('payment-timeouts')}", ackMode = "MANUAL")
	void consume(Message message, Channel channel) {
		this.queues.handle(message, channel, OrderPlaced.class,
				(placed) -> this.orders.cancelIfUnpaid(placed.orderId()));
	}

}
