package io.orderpulse.ordering;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;

import io.orderpulse.ordering.OrderEvents.OrderCancelled;
import io.orderpulse.ordering.internal.OrderRepository;
import io.orderpulse.ordering.internal.OrderTransitions;
import io.orderpulse.ordering.internal.OrderingSettings;
import io.orderpulse.ordering.internal.StatusText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;
import org.springframework.web.ErrorResponseException;

/**
 * The timeouts of orders: unpaid orders are cancelled after the payment timeout (by the
 * scheduled check or, on a broker, by their delayed message), delivering orders are
 * completed after the auto-complete age. Each order changes in a transaction of its own
 * ({@link OrderTransitions#change}), so one that changed meanwhile is skipped alone.
 */
@Service
public class OrderTimeouts {

	private static final Logger log = LoggerFactory.getLogger(OrderTimeouts.class);

	private final OrderRepository orders;

	private final OrderTransitions transitions;

	private final OrderingSettings settings;

	OrderTimeouts(OrderRepository orders, OrderTransitions transitions, OrderingSettings settings) {
		this.orders = orders;
		this.transitions = transitions;
		this.settings = settings;
	}

	/**
	 * Cancels catalog orders still unpaid after the payment timeout, as of {@code now}.
	 * Fixed-price orders have their offer's own timeout:
	 * {@link #cancelUnpaidFixedPriceOrders}.
	 * @return how many were cancelled
	 */
	public int cancelUnpaid(Instant now) {
		return cancelUnpaid(this.orders.idsUnpaidSince(now.minus(this.settings.paymentTimeout()), true, 500));
	}

	/**
	 * Cancels fixed-price orders ({@link OrderIntake#placeFixedPrice}) still unpaid after
	 * {@code timeout}, as of {@code now}, on the same path as catalog orders: the order
	 * is CANCELLED, its open payment closed (a payment arriving later is refunded), the
	 * buyer told, and {@link OrderCancelled} lets the offer's owner return its stock.
	 * @return how many were cancelled
	 */
	public int cancelUnpaidFixedPriceOrders(Instant now, Duration timeout) {
		return cancelUnpaid(this.orders.idsUnpaidSince(now.minus(timeout), false, 500));
	}

	/**
	 * Cancels one order if it is still unpaid (its delayed payment-timeout message came
	 * due); an order paid or cancelled meanwhile is left alone, so a repeated call
	 * changes nothing.
	 * @return whether the order was cancelled now
	 */
	public boolean cancelIfUnpaid(long orderId) {
		try {
			cancelForTimeout(orderId);
			return true;
		}
		catch (ErrorResponseException ex) {
			log.debug("Order {} is no longer unpaid: {}", orderId, ex.getMessage());
			return false;
		}
	}

	/**
	 * Completes orders delivering for longer than the auto-complete age, as of
	 * {@code now}.
	 * @return how many were completed
	 */
	public int completeDelivered(Instant now) {
		int completed = 0;
		for (long orderId : this.orders.idsInStatusSince(OrderStatus.DELIVERING,
				now.minus(this.settings.autoCompleteAfter()), 500)) {
			try {
				this.transitions.change(orderId, EnumSet.of(OrderStatus.DELIVERING), OrderStatus.COMPLETED,
						StatusText.COMPLETED.text(), null);
				completed++;
			}
			catch (ErrorResponseException ex) {
				log.debug("Order {} changed meanwhile: {}", orderId, ex.getMessage());
			}
		}
		return completed;
	}

	private int cancelUnpaid(List<Long> orderIds) {
		int cancelled = 0;
		for (long orderId : orderIds) {
			try {
				cancelForTimeout(orderId);
				cancelled++;
			}
			catch (ErrorResponseException ex) {
				log.debug("Order {} changed meanwhile: {}", orderId, ex.getMessage());
			}
		}
		return cancelled;
	}

	private void cancelForTimeout(long orderId) {
		this.transitions.change(orderId, EnumSet.of(OrderStatus.PENDING_PAYMENT), OrderStatus.CANCELLED,
				StatusText.PAYMENT_TIMED_OUT.text(), "payment timed out");
	}

}
