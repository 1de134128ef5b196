package io.orderpulse.ordering.internal;

import io.orderpulse.ordering.OrderEvents.OrderCancelled;
import io.orderpulse.ordering.OrderPayments;
import io.orderpulse.payment.Payment;
import io.orderpulse.payment.PaymentStatus;
import io.orderpulse.payment.PaymentSucceeded;
import io.orderpulse.payment.Payments;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Keeps orders and payments consistent: a successful payment marks its order paid, or, if
 * the order was cancelled meanwhile (timeout, buyer), is refunded instead of reviving it;
 * a cancelled order's open payment is closed and a paid one refunded (merchant
 * rejection). Both listeners run after the publishing transaction commits and are
 * recorded by the event publication registry, so a crash in between only delays them;
 * both are idempotent.
 */
@Component
class PaymentListener {

	private static final Logger log = LoggerFactory.getLogger(PaymentListener.class);

	private final OrderPayments orders;

	private final Payments payments;

	PaymentListener(OrderPayments orders, Payments payments) {
		this.orders = orders;
		this.payments = payments;
	}

	@ApplicationModuleListener
	void on(PaymentSucceeded paid) {
		if (!this.orders.markPaid(paid.orderId())) {
			log.info("Payment {} arrived for order {}, which is no longer awaiting payment: refunding it",
					paid.outTradeNo(), paid.orderId());
			this.payments.refund(paid.outTradeNo(), "order " + paid.orderId() + " was cancelled before the payment");
		}
	}

	@ApplicationModuleListener
	void on(OrderCancelled cancelled) {
		for (Payment payment : this.payments.findForOrder(cancelled.orderId())) {
			if (payment.status() == PaymentStatus.PAID) {
				this.payments.refund(payment.outTradeNo(), "order cancelled: " + cancelled.reason());
			}
			else if (payment.status() == PaymentStatus.PENDING) {
				this.payments.close(payment.outTradeNo());
			}
		}
	}

}
