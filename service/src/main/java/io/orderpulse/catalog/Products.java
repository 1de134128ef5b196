package io.orderpulse.catalog;

import io.orderpulse.catalog.internal.ProductRepository;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Browsing an organization's products, and merchants managing the products of their shop.
 * Every method takes the caller's organization; a product of another organization or (for
 * a merchant) of another shop is {@link ProductNotFound}, and deleted products are never
 * seen.
 */
@Service
public class Products {

	private final ProductRepository products;

	Products(ProductRepository products) {
		this.products = products;
	}

	/**
	 * A page of the organization's products, newest first.
	 * @param shopId only this shop's products, if given
	 * @param search only products whose name contains this, regardless of case, if given
	 * and not blank
	 * @param page the page number, from 0
	 * @param size the page size, at least 1
	 */
	@Transactional(readOnly = true)
	public ProductPage list(long orgId, @Nullable Long shopId, @Nullable String search, int page, int size) {
		if (page < 0 || size < 1) {
			throw new IllegalArgumentException("page must not be negative and size must be positive");
		}
		String term = (search != null && !search.isBlank()) ? search.strip() : null;
		long total = this.products.count(orgId, shopId, term);
		return ProductPage.of(this.products.find(orgId, shopId, term, size, (long) page * size), page, size, total);
	}

	@Transactional(readOnly = true)
	public Product get(long orgId, long productId) {
		return this.products.find(orgId, productId).orElseThrow(() -> new ProductNotFound(productId));
	}

	/**
	 * A product of a merchant's shop.
	 */
	@Transactional(readOnly = true)
	public Product get(long orgId, long shopId, long productId) {
		return this.products.find(orgId, productId)
			.filter((product) -> product.shopId() == shopId)
			.orElseThrow(() -> new ProductNotFound(productId));
	}

	/**
	 * Lists a new product in a merchant's shop.
	 * @throws NoShop if the shop is not one of the organization's
	 */
	@Transactional
	public Product create(long orgId, long shopId, ProductDraft draft) {
		if (!this.products.shopExists(orgId, shopId)) {
			throw new NoShop();
		}
		return get(orgId, this.products.insert(shopId, draft));
	}

	@Transactional
	public Product update(long orgId, long shopId, long productId, ProductDraft draft) {
		get(orgId, shopId, productId);
		if (!this.products.update(shopId, productId, draft)) {
			throw new ProductNotFound(productId);
		}
		return get(orgId, productId);
	}

	@Transactional
	public void delete(long orgId, long shopId, long productId) {
		get(orgId, shopId, productId);
		if (!this.products.delete(shopId, productId)) {
			throw new ProductNotFound(productId);
		}
	}

}
