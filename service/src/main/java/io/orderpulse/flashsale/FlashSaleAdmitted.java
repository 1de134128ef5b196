package io.orderpulse.flashsale;

/**
 * A buyer was admitted to a flash-sale item; the order is created asynchronously.
 */
public record FlashSaleAdmitted(long itemId, long userId, long orgId, String requestId) {
}
