package io.orderpulse.ordering.internal;

/**
 * One of a buyer's order requests.
 */
public record RequestKey(long buyerId, String requestId) {
}
