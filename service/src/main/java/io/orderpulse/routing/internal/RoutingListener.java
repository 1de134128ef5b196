package io.orderpulse.routing.internal;

import io.orderpulse.messagecenter.MessageSent;
import io.orderpulse.routing.Deliveries;

import org.springframework.scheduling.annotation.Async;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Routes each new message asynchronously after it is committed, so sending does not wait
 * for the fan-out. Spring Modulith's event publication registry records each
 * {@link MessageSent}, so routing a crash interrupted runs again on restart; routing is
 * idempotent (one record per message, recipient and channel).
 */
@Component
class RoutingListener {

	private final Deliveries deliveries;

	RoutingListener(Deliveries deliveries) {
		this.deliveries = deliveries;
	}

	@Async
	@TransactionalEventListener
	void on(MessageSent sent) {
		this.deliveries.route(sent.messageId());
	}

}
