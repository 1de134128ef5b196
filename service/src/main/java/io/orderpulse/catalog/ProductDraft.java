package io.orderpulse.catalog;

import java.math.BigDecimal;

import org.jspecify.annotations.Nullable;

/**
 * What a merchant says about a product when listing or changing it. The HTTP API
 * validates the same limits field by field; these checks keep other callers honest.
 *
 * @param name 1-200 characters
 * @param description up to 2000 characters
 * @param price from 0 to {@value #MAX_PRICE}, at most two decimals
 * @param stock from 0 to {@value #MAX_STOCK}
 */
public record ProductDraft(String name, @Nullable String description, BigDecimal price, int stock) {

	/**
	 * The highest price a product may have (the column is {@code numeric(12, 2)}).
	 */
	public static final String MAX_PRICE = "9999999999.99";

	/**
	 * The most a merchant may stock of one product.
	 */
	public static final int MAX_STOCK = 1_000_000;

	public ProductDraft {
		name = name.strip();
		if (name.isEmpty() || name.length() > 200) {
			throw new IllegalArgumentException("name must have 1-200 characters");
		}
		if (description != null && description.length() > 2000) {
			throw new IllegalArgumentException("description must have at most 2000 characters");
		}
		if (price.signum() < 0 || price.compareTo(new BigDecimal(MAX_PRICE)) > 0
				|| price.stripTrailingZeros().scale() > 2) {
			throw new IllegalArgumentException("price must be 0-" + MAX_PRICE + " with at most two decimals");
		}
		if (stock < 0 || stock > MAX_STOCK) {
			throw new IllegalArgumentException("stock must be 0-" + MAX_STOCK);
		}
		price = price.setScale(2);
	}

}
