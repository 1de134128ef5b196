package io.orderpulse.ordering;

import java.math.BigDecimal;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * What the buyer is pushed on {@code /user/queue/order-updates} (and the organization's
 * admins on {@code /topic/order-updates}) at each step, with the fields of the original
 * specification. {@code status} is the request's step (PENDING, PROCESSING, COMPLETED,
 * FAILED) while the order is being created, then the order's lifecycle status (PAID,
 * CONFIRMED, ...).
 *
 * @param orderId the order, once it exists
 * @param userId the buyer
 * @param status the step or the order's status
 * @param totalPrice the order's total, once it exists
 * @param updateTime when this happened
 * @param message a human-readable description, the reason of a failure
 * @param requestId the request the order came from
 * @param orderNumber the order's number, once it exists
 */
public record OrderStatusMessage(@Nullable Long orderId, long userId, String status, @Nullable BigDecimal totalPrice,
		Instant updateTime, String message, String requestId, @Nullable String orderNumber) {

}
