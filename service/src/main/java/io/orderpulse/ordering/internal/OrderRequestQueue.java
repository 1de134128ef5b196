package io.orderpulse.ordering.internal;

import java.util.List;

import io.orderpulse.ordering.OrderEvents.OrderRequested;
import io.orderpulse.platform.broker.BrokerQueues;
import io.orderpulse.platform.broker.BrokerSettings;

import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.scheduling.annotation.Async;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Order requests through the broker ({@code orderpulse.broker=rabbitmq} or {@code kafka},
 * in place of {@link OrderProcessor}). After the request commits, the
 * {@link OrderRequested} event recorded in Spring Modulith's event publication registry
 * (the outbox) is published to the durable {@code order-requests} queue (topic), keyed by
 * the buyer so one buyer's requests stay in order; the registry entry is completed only
 * once the broker confirmed it, so an unconfirmed request is published again. Any node
 * consumes the queue; processing is idempotent per request, so a redelivered message
 * creates one order.
 */
@Component
@ConditionalOnExpression(BrokerSettings.ON_BROKER)
class OrderRequestQueue {

	private final BrokerQueues queues;

	OrderRequestQueue(BrokerQueues queues, OrderProcessing processing) {
		this.queues = queues;
		queues.consume(BrokerQueues.ORDER_REQUESTS, OrderRequested.class, (requested) -> processing
			.processAll(List.of(new RequestKey(requested.buyerId(), requested.requestId()))));
	}

	@Async
	@TransactionalEventListener
	void on(OrderRequested requested) {
		this.queues.publish(BrokerQueues.ORDER_REQUESTS, requested, requested.orgId(),
				Long.toString(requested.buyerId()));
	}

}
