package io.orderpulse.payment;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A payment was received: published exactly once per payment, in the transaction that
 * marks it {@link PaymentStatus#PAID}. A payment received after it was closed is refunded
 * at once instead and publishes only {@link PaymentRefunded}.
 *
 * @param outTradeNo the payment's number
 * @param orderId the order paid for
 * @param buyerId the user who paid
 * @param amount the amount received
 * @param paidAt when it was recorded
 */
public record PaymentSucceeded(String outTradeNo, long orderId, long buyerId, BigDecimal amount, Instant paidAt) {

}
