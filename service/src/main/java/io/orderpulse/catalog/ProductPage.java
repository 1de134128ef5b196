package io.orderpulse.catalog;

import java.util.List;

/**
 * One page of products, newest first.
 *
 * @param items the products on this page
 * @param page the page number, from 0
 * @param size the page size asked for
 * @param totalItems how many products match in all
 * @param totalPages how many pages of this size they fill
 */
public record ProductPage(List<Product> items, int page, int size, long totalItems, int totalPages) {

	public ProductPage {
		items = List.copyOf(items);
	}

	static ProductPage of(List<Product> items, int page, int size, long totalItems) {
		return new ProductPage(items, page, size, totalItems, (int) ((totalItems + size - 1) / size));
	}

}
