package io.orderpulse.payment;

import java.math.BigDecimal;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A payment of an order.
 *
 * @param outTradeNo the payment's number, which the provider knows it by ("P", the date,
 * then 16 random characters)
 * @param orderId the order paid for
 * @param buyerId the user who pays
 * @param amount the amount, with two decimals
 * @param method how it is paid
 * @param status where it stands
 * @param payUrl where the buyer pays (the sandbox's pay page, relative to this service;
 * empty for points, which are taken at once)
 * @param createdAt when it was created
 * @param paidAt when the provider's report of the payment was recorded
 * @param refundedAt when it was refunded
 * @param points the points taken, for a payment in points
 * @param refundedAmount the amount paid back, once refunded (at most {@code amount})
 */
public record Payment(String outTradeNo, long orderId, long buyerId, BigDecimal amount, PaymentMethod method,
		PaymentStatus status, String payUrl, Instant createdAt, @Nullable Instant paidAt, @Nullable Instant refundedAt,
		@Nullable Long points, @Nullable BigDecimal refundedAmount) {

}
