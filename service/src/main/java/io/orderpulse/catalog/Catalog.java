package io.orderpulse.catalog;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import io.orderpulse.catalog.internal.ProductRepository;
import io.orderpulse.catalog.internal.ShopRepository;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Opens shops and lists products in them, and the catalog API of other modules: product
 * snapshots and stock.
 */
@Service
public class Catalog {

	private final ShopRepository shops;

	private final ProductRepository products;

	Catalog(ShopRepository shops, ProductRepository products) {
		this.shops = shops;
		this.products = products;
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
	 * Whether the organization has this shop (another organization's answers false).
	 */
	@Transactional(readOnly = true)
	public boolean hasShop(long orgId, long shopId) {
		return this.shops.exists(orgId, shopId);
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

	/**
	 * The products with these ids that belong to the organization and are not deleted,
	 * ordered by id; the others are left out.
	 */
	@Transactional(readOnly = true)
	public List<ProductSnapshot> findProducts(long orgId, Collection<Long> productIds) {
		return this.products.snapshots(orgId, productIds);
	}

	/**
	 * Reads the products with these ids that are not deleted, with how many of each are
	 * left, and locks their rows in the caller's transaction until it ends, in ascending
	 * id order (as {@link #takeStock} locks them, so the two cannot deadlock): what a
	 * batch of orders reads to decide which of them the stock covers before taking it
	 * once per product. Products of every organization are returned; the caller checks
	 * whose they are.
	 * @return the products found, ordered by id
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public List<ProductStock> lockStock(Collection<Long> productIds) {
		return this.products.lockStock(productIds);
	}

	/**
	 * Takes stock of several products, all or nothing, in the caller's transaction (or a
	 * new one). Each product's row is updated only if enough is left, in ascending id
	 * order, so concurrent takers lock rows in the same order and cannot deadlock; the
	 * rows stay locked until the transaction ends.
	 * <p>
	 * On a shortage nothing may be taken, so the exception rolls back the transaction: a
	 * caller's transaction that this method joined is marked rollback-only and cannot
	 * commit, even if the caller catches the exception.
	 * @param quantities how many to take, by product id; each at least 1
	 * @throws InsufficientStock if fewer of a product are left than asked for
	 * @throws ProductNotFound if a product does not exist or was deleted
	 */
	@Transactional(rollbackFor = { InsufficientStock.class, ProductNotFound.class })
	public void takeStock(Map<Long, Integer> quantities) {
		for (Map.Entry<Long, Integer> entry : inIdOrder(quantities).entrySet()) {
			long productId = entry.getKey();
			int quantity = entry.getValue();
			if (!this.products.takeStock(productId, quantity)) {
				ProductRepository.StockLevel level = this.products.stockLevel(productId)
					.orElseThrow(() -> new ProductNotFound(productId));
				throw new InsufficientStock(productId, level.name(), quantity, level.stock());
			}
		}
	}

	/**
	 * Puts back stock taken earlier (a cancelled or failed order), in the caller's
	 * transaction (or a new one), also into products deleted meanwhile.
	 * @param quantities how many to put back, by product id; each at least 1
	 * @throws ProductNotFound if a product never existed
	 */
	@Transactional(rollbackFor = ProductNotFound.class)
	public void returnStock(Map<Long, Integer> quantities) {
		for (Map.Entry<Long, Integer> entry : inIdOrder(quantities).entrySet()) {
			if (!this.products.returnStock(entry.getKey(), entry.getValue())) {
				throw new ProductNotFound(entry.getKey());
			}
		}
	}

	private static SortedMap<Long, Integer> inIdOrder(Map<Long, Integer> quantities) {
		SortedMap<Long, Integer> sorted = new TreeMap<>(quantities);
		sorted.forEach((productId, quantity) -> {
			if (quantity < 1) {
				throw new IllegalArgumentException(
						"quantity of product " + productId + " must be at least 1, was " + quantity);
			}
		});
		return sorted;
	}

}
