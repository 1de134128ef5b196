package io.orderpulse.catalog;

import io.orderpulse.platform.Problems;

import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/**
 * A product that does not exist, was deleted, or belongs to another organization or (for
 * a merchant) another shop: all look the same, so ids reveal nothing.
 */
public class ProductNotFound extends ErrorResponseException {

	private final long productId;

	public ProductNotFound(long productId) {
		super(HttpStatus.NOT_FOUND, Problems.detail(HttpStatus.NOT_FOUND, "product-not-found", "Product not found",
				"There is no product " + productId + "."), null);
		this.productId = productId;
	}

	public long productId() {
		return this.productId;
	}

}
