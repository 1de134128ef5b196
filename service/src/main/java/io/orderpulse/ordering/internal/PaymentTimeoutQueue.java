package io.orderpulse.ordering.internal;

import io.orderpulse.ordering.OrderEvents.OrderPlaced;
import io.orderpulse.ordering.OrderTimeouts;
import io.orderpulse.platform.broker.BrokerQueues;
import io.orderpulse.platform.broker.BrokerSettings;

import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.scheduling.annotation.Async;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Delayed payment timeouts through the broker ({@code orderpulse.broker=rabbitmq} or
 * {@code kafka}): each placed order (from the catalog or at a fixed price), recorded in
 * the event publication registry, is published delayed by its payment timeout (a
 * fixed-price offer's own for its orders) to the {@code payment-timeouts} queue, whose
 * consumer cancels the order if it is still unpaid (idempotent: a paid or cancelled order
 * is left alone). {@link OrderJobs}' scheduled check stays as a safety net. On RabbitMQ
 * the message waits in the {@code payment-timeouts.delay} queue, which expires only the
 * message at its head, so if an offer's timeout is shorter than the ordinary one, a
 * fixed-price order's message can wait behind a longer one; the offer owner's scheduled
 * check ({@code OrderTimeouts.cancelUnpaidFixedPriceOrders}) then cancels that order on
 * time. On Kafka each delay has a delay topic of its own
 * ({@code payment-timeouts.delay-<millis>ms}), so two delays do not wait for each other.
 */
@Component
@ConditionalOnExpression(BrokerSettings.ON_BROKER)
class PaymentTimeoutQueue {

	private final BrokerQueues queues;

	private final OrderRepository repository;

	private final OrderingSettings settings;

	PaymentTimeoutQueue(BrokerQueues queues, OrderTimeouts timeouts, OrderRepository repository,
			OrderingSettings settings) {
		this.queues = queues;
		this.repository = repository;
		this.settings = settings;
		queues.consume(BrokerQueues.PAYMENT_TIMEOUTS, OrderPlaced.class,
				(placed) -> timeouts.cancelIfUnpaid(placed.orderId()));
	}

	@Async
	@TransactionalEventListener
	void on(OrderPlaced placed) {
		this.queues.publishDelayed(BrokerQueues.PAYMENT_TIMEOUTS, placed, this.repository.orgOf(placed.orderId()),
				Long.toString(placed.buyerId()),
				(placed.paymentTimeout() != null) ? placed.paymentTimeout() : this.settings.paymentTimeout());
	}

}
