package io.orderpulse.ordering;

import java.util.EnumSet;
import java.util.Set;

/**
 * An order's lifecycle: PENDING_PAYMENT, PAID, CONFIRMED, DELIVERING, COMPLETED; or
 * CANCELLED (by the buyer before payment, by the payment timeout, or by the merchant's
 * rejection, which refunds); or REFUNDED (a paid order paid back on the buyer's or the
 * merchant's request).
 */
public enum OrderStatus {

	PENDING_PAYMENT, PAID, CONFIRMED, DELIVERING, COMPLETED, CANCELLED, REFUNDED;

	/**
	 * Whether an order in this status may move to the other.
	 */
	public boolean canBecome(OrderStatus next) {
		return successors().contains(next);
	}

	private Set<OrderStatus> successors() {
		return switch (this) {
			case PENDING_PAYMENT -> EnumSet.of(PAID, CANCELLED);
			case PAID -> EnumSet.of(CONFIRMED, CANCELLED, REFUNDED);
			case CONFIRMED -> EnumSet.of(DELIVERING, CANCELLED, REFUNDED);
			case DELIVERING -> EnumSet.of(COMPLETED);
			case COMPLETED, CANCELLED, REFUNDED -> EnumSet.noneOf(OrderStatus.class);
		};
	}

}
