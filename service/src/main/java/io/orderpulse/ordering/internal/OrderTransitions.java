package io.orderpulse.ordering.internal;

import java.time.Instant;
import java.util.Set;
import java.util.stream.Collectors;

import io.orderpulse.catalog.Catalog;
import io.orderpulse.ordering.OrderEvents.OrderCancelled;
import io.orderpulse.ordering.OrderProblems;
import io.orderpulse.ordering.OrderStatus;
import io.orderpulse.ordering.OrderStatusMessage;
import io.orderpulse.ordering.OrderView;
import io.orderpulse.realtime.Destinations;
import io.orderpulse.realtime.UserEvents;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.ErrorResponseException;

/**
 * Moves an order from one status to the next, the one path of every status change after
 * the order exists: the change is stored together with the pushes it causes (the realtime
 * module stores them in the same transaction), so none is lost or sent for a change that
 * did not happen.
 */
@Component
public class OrderTransitions {

	private final OrderRepository orders;

	private final Catalog catalog;

	private final UserEvents events;

	private final ApplicationEventPublisher publisher;

	OrderTransitions(OrderRepository orders, Catalog catalog, UserEvents events, ApplicationEventPublisher publisher) {
		this.orders = orders;
		this.catalog = catalog;
		this.events = events;
		this.publisher = publisher;
	}

	/**
	 * Changes an order in one of {@code from} to {@code to}, in the caller's transaction
	 * or a new one: a cancelled or refunded order's catalog stock comes back, a
	 * cancellation is {@link OrderCancelled}, and the buyer and the organization's admins
	 * are pushed the new status with {@code message}.
	 * @param reason stored as the order's cancel reason, if any
	 * @return the changed order
	 * @throws ErrorResponseException 404 for no such order, 409 if it is in another
	 * status or changed meanwhile
	 */
	@Transactional
	public OrderView change(long orderId, Set<OrderStatus> from, OrderStatus to, String message,
			@Nullable String reason) {
		OrderView order = this.orders.find(orderId).orElseThrow(() -> OrderProblems.orderNotFound(orderId));
		if (!from.contains(order.status()) || !order.status().canBecome(to)
				|| !this.orders.transition(orderId, order.status(), to, reason)) {
			throw OrderProblems.illegalTransition(orderId, order.status(), to);
		}
		OrderView changed = this.orders.find(orderId).orElseThrow();
		if ((to == OrderStatus.CANCELLED || to == OrderStatus.REFUNDED) && this.orders.tookCatalogStock(orderId)) {
			this.catalog.returnStock(changed.items()
				.stream()
				.collect(Collectors.toMap(OrderView.Item::productId, OrderView.Item::quantity)));
		}
		if (to == OrderStatus.CANCELLED) {
			this.publisher
				.publishEvent(new OrderCancelled(orderId, changed.buyerId(), changed.shopId(), String.valueOf(reason)));
		}
		OrderStatusMessage update = new OrderStatusMessage(orderId, changed.buyerId(), to.name(), changed.totalPrice(),
				Instant.now(), message, changed.requestId(), changed.orderNumber());
		this.events.publish(update.userId(), Destinations.ORDER_UPDATES, update);
		this.events.broadcast(this.orders.orgOf(orderId), Destinations.ADMIN_ORDER_UPDATES, update);
		return changed;
	}

}
