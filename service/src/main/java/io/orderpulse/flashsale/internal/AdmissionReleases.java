package io.orderpulse.flashsale.internal;

import java.util.Optional;

import io.orderpulse.flashsale.AdmissionPort;
import io.orderpulse.flashsale.FlashSaleAdmitted;
import io.orderpulse.flashsale.FlashSaleItem;
import io.orderpulse.flashsale.internal.FlashSaleRepository.Purchase;
import io.orderpulse.ordering.OrderIntake;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Every way a unit of stock comes back: an admission whose order failed or was never
 * created, and a flash-sale order cancelled or refunded. A release is made inside the
 * transaction that marks the stored admission released, after its row is locked: if the
 * admission engine (Redis) fails, the row stays as it was and the release is retried (the
 * event is redelivered, the reconciliation runs again), so the database never says a unit
 * came back that the engine still holds.
 */
@Component
class AdmissionReleases {

	private final FlashSaleRepository repository;

	private final FlashSaleItems items;

	private final AdmissionPort admission;

	private final OrderIntake orders;

	private final StockTicker ticker;

	private final TransactionTemplate transactions;

	AdmissionReleases(FlashSaleRepository repository, FlashSaleItems items, AdmissionPort admission, OrderIntake orders,
			StockTicker ticker, TransactionTemplate transactions) {
		this.repository = repository;
		this.items = items;
		this.admission = admission;
		this.orders = orders;
		this.ticker = ticker;
		this.transactions = transactions;
	}

	/**
	 * Releases an admission whose order could not be created, fails its request with
	 * {@code reason} and pushes the stock that came back (once: an admission no longer
	 * ADMITTED is left alone).
	 */
	void releaseFailedOrder(FlashSaleItem item, FlashSaleAdmitted admitted, String reason) {
		Boolean released = this.transactions.execute((status) -> {
			if (!this.repository.releaseAdmitted(admitted.itemId(), admitted.userId(), admitted.requestId())) {
				return false;
			}
			this.orders.failRequest(admitted.userId(), item.orgId(), admitted.requestId(), reason);
			this.admission.release(item.itemId(), admitted.userId());
			return true;
		});
		if (Boolean.TRUE.equals(released)) {
			this.ticker.pushRemaining(item);
		}
	}

	/**
	 * Settles an admission still ADMITTED after the grace period: one whose request
	 * became an order is marked ORDERED; one that never did is released and its request
	 * FAILED, in one transaction with the admission's row locked.
	 * @return whether the admission was released (the caller pushes the stock)
	 */
	boolean releaseIfNeverOrdered(FlashSaleItem item, Purchase stale) {
		Boolean release = this.transactions.execute((status) -> {
			Optional<Purchase> purchase = this.repository.lockPurchase(stale.itemId(), stale.userId());
			if (purchase.isEmpty() || !purchase.get().status().equals("ADMITTED")
					|| !purchase.get().requestId().equals(stale.requestId())) {
				return false;
			}
			Optional<Long> order = this.orders.orderOfRequest(stale.userId(), stale.requestId());
			if (order.isPresent()) {
				this.repository.markOrdered(stale.itemId(), stale.userId(), order.get());
				return false;
			}
			this.repository.releaseAdmitted(stale.itemId(), stale.userId(), stale.requestId());
			this.orders.failRequest(stale.userId(), item.orgId(), stale.requestId(),
					"订单未能创建，库存已退回 (the order was never created: admission released)");
			this.admission.release(item.itemId(), stale.userId());
			return true;
		});
		return Boolean.TRUE.equals(release);
	}

	/**
	 * Returns the stock of a cancelled or refunded order if it was a flash-sale order
	 * (once).
	 */
	void orderCancelled(long orderId) {
		Optional<Purchase> released = this.transactions.execute((status) -> {
			Optional<Purchase> purchase = this.repository.releaseOrdered(orderId);
			purchase.ifPresent((unit) -> this.admission.release(unit.itemId(), unit.userId()));
			return purchase;
		});
		if (released != null && released.isPresent()) {
			FlashSaleItem item = this.items.item(released.get().itemId());
			if (item != null) {
				this.ticker.pushRemaining(item);
			}
		}
	}

}
