package io.orderpulse.ordering.internal;

import io.orderpulse.identity.UserAccounts;
import io.orderpulse.ordering.MerchantAlert;
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
	public void alert(MerchantAlert.Type type, OrderView order, long orgId) {
		MerchantAlert alert = MerchantAlert.of(type, order);
		for (long merchantId : this.accounts.merchantsOf(orgId, order.shopId())) {
			this.events.publish(merchantId, Destinations.ALERTS, alert);
		}
	}

}
