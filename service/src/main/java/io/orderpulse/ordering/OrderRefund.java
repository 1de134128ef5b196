package io.orderpulse.ordering;

import io.orderpulse.payment.Payment;

/**
 * A refunded order with its refunded payment.
 */
public record OrderRefund(OrderView order, Payment payment) {

}
