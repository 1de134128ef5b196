package io.orderpulse.payment;

import java.math.BigDecimal;

/**
 * A received payment was paid back: published exactly once per payment, in the
 * transaction that marks it {@link PaymentStatus#REFUNDED}.
 *
 * @param outTradeNo the payment's number
 * @param orderId the order it paid for
 * @param buyerId the user paid back
 * @param amount the amount paid back
 * @param reason why ({@value #ORDER_CLOSED} for a payment that arrived after it was
 * closed)
 */
public record PaymentRefunded(String outTradeNo, long orderId, long buyerId, BigDecimal amount, String reason) {

	/**
	 * The reason of the refund of a payment received after it was closed.
	 */
	public static final String ORDER_CLOSED = "order closed";

}
