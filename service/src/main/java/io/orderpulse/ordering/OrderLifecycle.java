package io.orderpulse.ordering;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;

import io.orderpulse.identity.AuthenticatedUser;
import io.orderpulse.identity.Role;
import io.orderpulse.ordering.OrderEvents.OrderCancelled;
import io.orderpulse.ordering.internal.MerchantAlerts;
import io.orderpulse.ordering.internal.OrderRepository;
import io.orderpulse.ordering.internal.OrderTransitions;
import io.orderpulse.ordering.internal.OrderingSettings;
import io.orderpulse.ordering.internal.StatusText;
import io.orderpulse.platform.Problems;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.ErrorResponseException;

/**
 * An order's life after it is created, as its buyer, its shop's merchants and its
 * organization's admins see and change it: reading orders, the buyer's cancellation and
 * reminders, the merchant's confirmation, rejection, delivery and completion. Payment and
 * refunds: {@link OrderPayments}; the scheduled timeouts: {@link OrderTimeouts}.
 */
@Service
public class OrderLifecycle {

	private final OrderRepository orders;

	private final OrderTransitions transitions;

	private final MerchantAlerts alerts;

	private final OrderingSettings settings;

	OrderLifecycle(OrderRepository orders, OrderTransitions transitions, MerchantAlerts alerts,
			OrderingSettings settings) {
		this.orders = orders;
		this.transitions = transitions;
		this.alerts = alerts;
		this.settings = settings;
	}

	/**
	 * One order, for its buyer, a merchant of its shop or an admin of its organization;
	 * anyone else is told it does not exist.
	 */
	@Transactional(readOnly = true)
	public OrderView get(AuthenticatedUser caller, long orderId) {
		OrderView order = this.orders.find(orderId).orElseThrow(() -> OrderProblems.orderNotFound(orderId));
		boolean buyer = order.buyerId() == caller.userId();
		boolean merchant = caller.hasRole(Role.MERCHANT) && caller.shopId() != null
				&& caller.shopId() == order.shopId();
		boolean admin = caller.hasRole(Role.ADMIN) && this.orders.orgOf(orderId) == caller.orgId();
		if (!buyer && !merchant && !admin) {
			throw OrderProblems.orderNotFound(orderId);
		}
		return order;
	}

	@Transactional(readOnly = true)
	public Page<OrderView> ofBuyer(long buyerId, @Nullable OrderStatus status, int page, int size) {
		return Page.of(this.orders.findByBuyer(buyerId, status, size, (long) page * size), page, size,
				this.orders.countByBuyer(buyerId, status));
	}

	@Transactional(readOnly = true)
	public Page<OrderView> ofShop(long shopId, @Nullable OrderStatus status, int page, int size) {
		return Page.of(this.orders.findByShop(shopId, status, size, (long) page * size), page, size,
				this.orders.countByShop(shopId, status));
	}

	/**
	 * The buyer cancels an order that is not paid yet; its stock is returned.
	 */
	@Transactional
	public OrderView cancelByBuyer(AuthenticatedUser buyer, long orderId) {
		ownOrder(buyer, orderId);
		return this.transitions.change(orderId, EnumSet.of(OrderStatus.PENDING_PAYMENT), OrderStatus.CANCELLED,
				StatusText.CANCELLED_BY_BUYER.text(), "cancelled by the buyer");
	}

	@Transactional
	public OrderView confirm(AuthenticatedUser merchant, long orderId) {
		shopOrder(merchant, orderId);
		return this.transitions.change(orderId, EnumSet.of(OrderStatus.PAID), OrderStatus.CONFIRMED,
				StatusText.CONFIRMED.text(), null);
	}

	/**
	 * The merchant rejects a paid order: it is cancelled, its stock returned and (through
	 * {@link OrderCancelled}) its payment refunded.
	 */
	@Transactional
	public OrderView reject(AuthenticatedUser merchant, long orderId, String reason) {
		shopOrder(merchant, orderId);
		return this.transitions.change(orderId, EnumSet.of(OrderStatus.PAID, OrderStatus.CONFIRMED),
				OrderStatus.CANCELLED, StatusText.REJECTED.with(reason), reason);
	}

	@Transactional
	public OrderView deliver(AuthenticatedUser merchant, long orderId) {
		shopOrder(merchant, orderId);
		return this.transitions.change(orderId, EnumSet.of(OrderStatus.CONFIRMED), OrderStatus.DELIVERING,
				StatusText.DELIVERING.text(), null);
	}

	@Transactional
	public OrderView complete(AuthenticatedUser merchant, long orderId) {
		shopOrder(merchant, orderId);
		return this.transitions.change(orderId, EnumSet.of(OrderStatus.DELIVERING), OrderStatus.COMPLETED,
				StatusText.COMPLETED.text(), null);
	}

	/**
	 * The buyer reminds the shop of a paid order (客户催单), at most once per reminder
	 * interval.
	 */
	@Transactional
	public void remind(AuthenticatedUser buyer, long orderId) {
		OrderView order = ownOrder(buyer, orderId);
		if (!EnumSet.of(OrderStatus.PAID, OrderStatus.CONFIRMED, OrderStatus.DELIVERING).contains(order.status())) {
			throw new ErrorResponseException(HttpStatus.CONFLICT,
					Problems.detail(HttpStatus.CONFLICT, "reminder-not-allowed", "Reminder not allowed",
							"Order " + orderId + " is " + order.status()
									+ ": only PAID, CONFIRMED or DELIVERING orders can be reminded."),
					null);
		}
		Instant now = Instant.now();
		if (!this.orders.remind(orderId, now, now.minus(this.settings.reminderInterval()))) {
			Instant last = this.orders.lastRemindedAt(orderId);
			Duration wait = (last == null) ? Duration.ZERO
					: Duration.between(now, last.plus(this.settings.reminderInterval()));
			throw Problems.tooManyRequests("reminder-too-soon", "Reminder too soon",
					"This order was reminded less than " + this.settings.reminderInterval().toMinutes()
							+ " minutes ago",
					wait);
		}
		this.alerts.alert(MerchantAlert.Type.REMINDER, order, this.orders.orgOf(orderId));
	}

	private OrderView ownOrder(AuthenticatedUser buyer, long orderId) {
		OrderView order = this.orders.find(orderId).orElseThrow(() -> OrderProblems.orderNotFound(orderId));
		if (order.buyerId() != buyer.userId()) {
			throw OrderProblems.orderNotFound(orderId);
		}
		return order;
	}

	private OrderView shopOrder(AuthenticatedUser merchant, long orderId) {
		OrderView order = this.orders.find(orderId).orElseThrow(() -> OrderProblems.orderNotFound(orderId));
		if (merchant.shopId() == null || merchant.shopId() != order.shopId()) {
			throw OrderProblems.orderNotFound(orderId);
		}
		return order;
	}

}
