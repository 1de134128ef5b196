package io.orderpulse.ordering.internal;

import io.orderpulse.ordering.OrderEvents.OrderRequested;
import io.orderpulse.ordering.Orders;
import io.orderpulse.platform.broker.BrokerSettings;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Async;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Processes accepted order requests asynchronously, after the request is committed.
 * Spring Modulith's event publication registry records each {@link OrderRequested} with
 * the request, so one that was not processed (a crash) is processed again on restart;
 * processing is idempotent. With {@code orderpulse.broker=rabbitmq} or {@code kafka}
 * {@link OrderRequestQueue} takes its place.
 */
@Component
@ConditionalOnProperty(name = BrokerSettings.BROKER, havingValue = BrokerSettings.IN_PROCESS, matchIfMissing = true)
class OrderProcessor {

	private final Orders orders;

	OrderProcessor(Orders orders) {
		this.orders = orders;
	}

	@Async
	@TransactionalEventListener
	void on(OrderRequested requested) {
		this.orders.process(requested.buyerId(), requested.requestId());
	}

}
