package io.orderpulse.ordering;

import java.math.BigDecimal;
import java.util.EnumSet;
import java.util.OptionalLong;
import java.util.Set;

import io.orderpulse.identity.AuthenticatedUser;
import io.orderpulse.identity.Role;
import io.orderpulse.ordering.OrderEvents.OrderPaid;
import io.orderpulse.ordering.OrderEvents.OrderRefunded;
import io.orderpulse.ordering.internal.MerchantAlerts;
import io.orderpulse.ordering.internal.OrderRepository;
import io.orderpulse.ordering.internal.OrderTransitions;
import io.orderpulse.ordering.internal.StatusText;
import io.orderpulse.payment.Payment;
import io.orderpulse.payment.PaymentMethod;
import io.orderpulse.payment.PaymentRequest;
import io.orderpulse.payment.PaymentStatus;
import io.orderpulse.payment.Payments;
import io.orderpulse.payment.Points;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.ErrorResponseException;

/**
 * Paying orders and paying them back: the buyer starts a payment, its arrival marks the
 * order paid, and a paid order can be refunded.
 */
@Service
public class OrderPayments {

	private final OrderRepository orders;

	private final OrderTransitions transitions;

	private final MerchantAlerts alerts;

	private final Payments payments;

	private final Points points;

	private final ApplicationEventPublisher publisher;

	OrderPayments(OrderRepository orders, OrderTransitions transitions, MerchantAlerts alerts, Payments payments,
			Points points, ApplicationEventPublisher publisher) {
		this.orders = orders;
		this.transitions = transitions;
		this.alerts = alerts;
		this.payments = payments;
		this.points = points;
		this.publisher = publisher;
	}

	/**
	 * Starts paying one of the buyer's orders awaiting payment (asking again returns the
	 * same open payment). With {@link PaymentMethod#POINTS} the points are taken at once
	 * (the order's own points price, else the configured conversion of its total) and the
	 * order becomes PAID as soon as the payment's event is handled.
	 * @throws ErrorResponseException 409 {@code points-not-accepted} for points when the
	 * order has no points price and no conversion is configured
	 */
	@Transactional
	public Payment startPayment(AuthenticatedUser buyer, long orderId, PaymentMethod method) {
		OrderView order = this.orders.find(orderId).orElseThrow(() -> OrderProblems.orderNotFound(orderId));
		if (order.buyerId() != buyer.userId()) {
			throw OrderProblems.orderNotFound(orderId);
		}
		if (order.status() != OrderStatus.PENDING_PAYMENT) {
			throw OrderProblems.illegalTransition(orderId, order.status(), OrderStatus.PAID);
		}
		PaymentRequest request = new PaymentRequest(orderId, buyer.userId(), buyer.orgId(), order.totalPrice(),
				"OrderPulse order " + order.orderNumber());
		if (method == PaymentMethod.POINTS) {
			OptionalLong price = (order.pointsPrice() != null) ? OptionalLong.of(order.pointsPrice())
					: this.points.priceOf(order.totalPrice());
			if (price.isEmpty()) {
				throw OrderProblems.pointsNotAccepted(orderId);
			}
			return this.payments.payWithPoints(request, price.getAsLong());
		}
		return this.payments.create(request, method);
	}

	/**
	 * Payment arrived. A payment for an order that was cancelled meanwhile does not
	 * revive it.
	 * @return whether the order is now paid
	 */
	@Transactional
	public boolean markPaid(long orderId) {
		OrderView order = this.orders.find(orderId).orElseThrow(() -> OrderProblems.orderNotFound(orderId));
		if (order.status() == OrderStatus.PAID) {
			return true;
		}
		if (order.status() != OrderStatus.PENDING_PAYMENT) {
			return false;
		}
		OrderView paid = this.transitions.change(orderId, EnumSet.of(OrderStatus.PENDING_PAYMENT), OrderStatus.PAID,
				StatusText.PAID.text(), null);
		long orgId = this.orders.orgOf(orderId);
		this.alerts.alert(MerchantAlert.Type.NEW_ORDER, paid, orgId);
		this.publisher.publishEvent(new OrderPaid(orderId, paid.buyerId(), paid.shopId(), paid.totalPrice()));
		return true;
	}

	/**
	 * Pays back a paid order, the whole amount or part of it: the buyer for a PAID order,
	 * a merchant of its shop for a PAID or CONFIRMED one (a rejection with refund). The
	 * payment is refunded through its method (the gateway, or the points go back), the
	 * order becomes REFUNDED, catalog stock comes back (an order that took no catalog
	 * stock has its stock come back through {@link OrderRefunded}), and buyer and
	 * merchants are told. Refunding a refunded order again changes nothing and answers
	 * the same refund.
	 * @param amount what to pay back, null for all of it
	 * @throws ErrorResponseException 404 for anyone else's order, 409 for an order in
	 * another status, 409 {@code refund-exceeds-payment} for an amount above the payment
	 */
	@Transactional
	public OrderRefund refund(AuthenticatedUser caller, long orderId, String reason, @Nullable BigDecimal amount) {
		this.orders.lock(orderId);
		OrderView order = this.orders.find(orderId).orElseThrow(() -> OrderProblems.orderNotFound(orderId));
		boolean buyer = order.buyerId() == caller.userId();
		boolean merchant = caller.hasRole(Role.MERCHANT) && caller.shopId() != null
				&& caller.shopId() == order.shopId();
		if (!buyer && !merchant) {
			throw OrderProblems.orderNotFound(orderId);
		}
		Payment payment = this.payments.findForOrder(orderId)
			.stream()
			.filter((candidate) -> candidate.status() == PaymentStatus.PAID
					|| candidate.status() == PaymentStatus.REFUNDED && order.status() == OrderStatus.REFUNDED)
			.reduce((first, second) -> second)
			.orElse(null);
		if (order.status() == OrderStatus.REFUNDED && payment != null) {
			return new OrderRefund(order, payment);
		}
		Set<OrderStatus> refundable = merchant ? EnumSet.of(OrderStatus.PAID, OrderStatus.CONFIRMED)
				: EnumSet.of(OrderStatus.PAID);
		if (!refundable.contains(order.status()) || payment == null) {
			throw OrderProblems.illegalTransition(orderId, order.status(), OrderStatus.REFUNDED);
		}
		Payment refunded = this.payments.refund(payment.outTradeNo(), reason, amount);
		StatusText by = buyer ? StatusText.REFUNDED : StatusText.REFUNDED_BY_SHOP;
		OrderView changed = this.transitions.change(orderId, refundable, OrderStatus.REFUNDED, by.with(reason), reason);
		BigDecimal back = (refunded.refundedAmount() != null) ? refunded.refundedAmount() : refunded.amount();
		this.publisher.publishEvent(new OrderRefunded(orderId, changed.buyerId(), changed.shopId(), back, reason));
		this.alerts.alert(MerchantAlert.Type.REFUNDED, changed, this.orders.orgOf(orderId));
		return new OrderRefund(changed, refunded);
	}

}
