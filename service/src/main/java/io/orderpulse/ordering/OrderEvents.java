package io.orderpulse.ordering;

import java.math.BigDecimal;

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
	 */
	public record OrderPlaced(long orderId, long buyerId, long shopId, BigDecimal totalPrice) {
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

}
