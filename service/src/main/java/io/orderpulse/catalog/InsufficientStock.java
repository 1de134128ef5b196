package io.orderpulse.catalog;

import io.orderpulse.platform.Problems;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * Fewer of a product are left than were asked for. The problem detail carries
 * {@code productId}, {@code requested} and {@code available} for clients.
 */
public class InsufficientStock extends ErrorResponseException {

	private final long productId;

	private final int requested;

	private final int available;

	public InsufficientStock(long productId, String productName, int requested, int available) {
		super(HttpStatus.CONFLICT, problem(productId, productName, requested, available), null);
		this.productId = productId;
		this.requested = requested;
		this.available = available;
	}

	private static ProblemDetail problem(long productId, String productName, int requested, int available) {
		ProblemDetail problem = Problems.detail(HttpStatus.CONFLICT, "insufficient-stock", "Insufficient stock",
				"Only " + available + " of '" + productName + "' left, " + requested + " requested.");
		problem.setProperty("productId", productId);
		problem.setProperty("requested", requested);
		problem.setProperty("available", available);
		return problem;
	}

	public long productId() {
		return this.productId;
	}

	public int requested() {
		return this.requested;
	}

	public int available() {
		return this.available;
	}

}
