package io.orderpulse.flashsale.internal;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.orderpulse.catalog.Catalog;
import io.orderpulse.flashsale.FlashSaleItem;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * The flash-sale items attempts and admissions need, kept in memory once read: what they
 * need of an item never changes after it is created.
 */
@Component
public class FlashSaleItems {

	private final FlashSaleRepository repository;

	private final Catalog catalog;

	private final Map<Long, FlashSaleItem> items = new ConcurrentHashMap<>();

	FlashSaleItems(FlashSaleRepository repository, Catalog catalog) {
		this.repository = repository;
		this.catalog = catalog;
	}

	/**
	 * The item, or {@code null} if there is no such item.
	 */
	public @Nullable FlashSaleItem item(long itemId) {
		FlashSaleItem item = this.items.get(itemId);
		if (item == null) {
			item = this.repository.findItem(itemId).orElse(null);
			if (item != null) {
				this.items.putIfAbsent(itemId, item);
			}
		}
		return item;
	}

	/**
	 * Whether the item's product is still sold in the catalog.
	 */
	boolean stillSold(FlashSaleItem item) {
		return !this.catalog.findProducts(item.orgId(), List.of(item.productId())).isEmpty();
	}

}
