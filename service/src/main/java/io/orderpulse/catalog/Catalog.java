package io.orderpulse.catalog;

import java.math.BigDecimal;

import io.orderpulse.catalog.internal.ShopRepository;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Opens shops and lists products in them.
 */
@Service
public class Catalog {

	private final ShopRepository shops;

	Catalog(ShopRepository shops) {
		this.shops = shops;
	}

	/**
	 * Opens a shop in an organization.
	 * @return the shop's id
	 */
	@Transactional
	public long openShop(long orgId, String name) {
		return this.shops.insertShop(orgId, name);
	}

	/**
	 * Lists a product in a shop.
	 * @return the product's id
	 */
	@Transactional
	public long addProduct(long shopId, String name, BigDecimal price, int stock) {
		if (price.signum() < 0 || stock < 0) {
			throw new IllegalArgumentException("price and stock must not be negative");
		}
		return this.shops.insertProduct(shopId, name, price, stock);
	}

}
