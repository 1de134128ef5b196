package io.orderpulse.ordering;

import java.math.BigDecimal;
import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * The ordering module's domain events, published in the transaction of the change they
 * report.
 */
public final class OrderEvents {

	private OrderEvents() {
	}

	/**
	 * A buyer asked for an order; processing continues asynchronously.
	 */
	public record OrderRequested(long buyerId, String requestId, long orgId) {
	}

	/**
	 * An order was created (stock taken) and awaits payment.
	 *
	 * @param paymentTimeout how long it may stay unpaid (null in events recorded before
	 * this was carried: the ordinary orders' timeout)
	 */
	public record OrderPlaced(long orderId, long buyerId, long shopId, BigDecimal totalPrice,
			@Nullable Duration paymentTimeout) {
	}

	/**
	 * An order was paid.
	 */
	public record OrderPaid(long orderId, long buyerId, long shopId, BigDecimal totalPrice) {
	}

	/**
	 * An order was cancelled and its stock returned.
	 */
	public record OrderCancelled(long orderId, long buyerId, long shopId, String reason) {
	}

	/**
	 * A paid order was paid back (its payment refunded) and its stock returned.
	 */
	public record OrderRefunded(long orderId, long buyerId, long shopId, BigDecimal amount, String reason) {
	}

}
