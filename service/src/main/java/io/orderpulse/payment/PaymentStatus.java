package io.orderpulse.payment;

/**
 * Where a payment stands. {@code PENDING} is the only open state; the others are final
 * except {@code PAID}, which may become {@code REFUNDED}.
 */
public enum PaymentStatus {

	/**
	 * Created, waiting for the buyer to pay at the provider.
	 */
	PENDING,

	/**
	 * The provider reported the money received.
	 */
	PAID,

	/**
	 * Paid, then paid back.
	 */
	REFUNDED,

	/**
	 * Closed before it was paid (for example because the order was cancelled).
	 */
	CLOSED

}
