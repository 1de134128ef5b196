package io.orderpulse.flashsale.internal;

import java.util.Optional;

import io.orderpulse.flashsale.FlashSaleAdmitted;
import io.orderpulse.flashsale.FlashSaleItem;
import io.orderpulse.flashsale.internal.FlashSaleRepository.Purchase;
import io.orderpulse.ordering.FixedPriceOffer;
import io.orderpulse.ordering.OrderIntake;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Creates the order of each admission, asynchronously after the admission committed
 * ({@link InProcessFlashSaleOrders} or {@link FlashSaleOrderQueue}); when that fails the
 * admission is released ({@link AdmissionReleases}).
 */
@Component
class AdmissionOrders {

	private static final Logger log = LoggerFactory.getLogger(AdmissionOrders.class);

	private final FlashSaleRepository repository;

	private final FlashSaleItems items;

	private final OrderIntake orders;

	private final AdmissionReleases releases;

	private final TransactionTemplate transactions;

	private final FlashSaleSettings settings;

	AdmissionOrders(FlashSaleRepository repository, FlashSaleItems items, OrderIntake orders,
			AdmissionReleases releases, TransactionTemplate transactions, FlashSaleSettings settings) {
		this.repository = repository;
		this.items = items;
		this.orders = orders;
		this.releases = releases;
		this.transactions = transactions;
		this.settings = settings;
	}

	/**
	 * Creates the order of an admission, once: a redelivered event finds the admission
	 * ordered already. If the order cannot be created (the product is gone), the
	 * admission is released; if the database fails, the exception propagates and the
	 * event is handled again later.
	 */
	void placeOrder(FlashSaleAdmitted admitted) {
		FlashSaleItem item = this.items.item(admitted.itemId());
		if (item == null) {
			return;
		}
		try {
			this.transactions.executeWithoutResult((status) -> {
				Optional<Purchase> purchase = this.repository.lockPurchase(admitted.itemId(), admitted.userId());
				if (purchase.isEmpty() || !purchase.get().requestId().equals(admitted.requestId())
						|| !purchase.get().status().equals("ADMITTED")) {
					return;
				}
				if (!this.items.stillSold(item)) {
					throw new IllegalStateException("'" + item.productName() + "' is no longer sold.");
				}
				long orderId = this.orders.placeFixedPrice(admitted.userId(), item.orgId(), admitted.requestId(),
						new FixedPriceOffer(item.shopId(), item.productId(), item.productName(), item.flashPrice(),
								item.pointsPrice(), this.settings.paymentTimeout()));
				this.repository.markOrdered(admitted.itemId(), admitted.userId(), orderId);
			});
		}
		catch (RuntimeException ex) {
			if (ex instanceof DataAccessException || ex instanceof TransactionException) {
				// the database (or Redis) failed, not the order: keep the admission
				// and let the event be handled again (FailedListenerRetry, or the
				// broker's retries); releasing it would take the unit from a buyer
				// who won it, and would need that same database anyway
				throw ex;
			}
			log.warn("Flash-sale order {} of user {} failed, releasing the admission: {}", admitted.requestId(),
					admitted.userId(), ex.getMessage());
			this.releases.releaseFailedOrder(item, admitted, "订单创建失败 (order failed): " + ex.getMessage());
		}
	}

}
