package io.orderpulse.ordering.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import io.orderpulse.identity.UserAccounts;
import io.orderpulse.ordering.OrderView;
import io.orderpulse.realtime.Destinations;
import io.orderpulse.realtime.UserEvents;

import org.springframework.stereotype.Component;

/**
 * Alerts the merchants of an order's shop on {@code /user/queue/alerts}: a new paid
 * order, a buyer's reminder, a refund.
 */
@Component
public class MerchantAlerts {

	private final UserAccounts accounts;

	private final UserEvents events;

	MerchantAlerts(UserAccounts accounts, UserEvents events) {
		this.accounts = accounts;
		this.events = events;
	}

	/**
	 * Alerts every merchant of the order's shop, in the caller's transaction.
	 */
	public void alert(OrderView order, long orgId, int type, String announcement) {
		Map<String, Object> alert = new LinkedHashMap<>();
		alert.put("type", type);
		alert.put("orderId", order.id());
		alert.put("content", "订单号：" + order.orderNumber());
		alert.put("orderNumber", order.orderNumber());
		alert.put("amount", order.totalPrice());
		alert.put("announcement", announcement);
		for (long merchantId : this.accounts.merchantsOf(orgId, order.shopId())) {
			this.events.publish(merchantId, Destinations.ALERTS, alert);
		}
	}

}
