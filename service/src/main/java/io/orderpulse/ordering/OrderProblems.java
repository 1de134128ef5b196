package io.orderpulse.ordering;

import io.orderpulse.platform.Problems;

import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/**
 * The errors of the ordering API.
 */
public final class OrderProblems {

	private OrderProblems() {
	}

	public static ErrorResponseException orderNotFound(long orderId) {
		return new ErrorResponseException(HttpStatus.NOT_FOUND, Problems.detail(HttpStatus.NOT_FOUND, "order-not-found",
				"Order not found", "There is no order " + orderId + " for you."), null);
	}

	public static ErrorResponseException requestNotFound(String requestId) {
		return new ErrorResponseException(HttpStatus.NOT_FOUND, Problems.detail(HttpStatus.NOT_FOUND,
				"order-request-not-found", "Order request not found", "You made no order request " + requestId + "."),
				null);
	}

	public static ErrorResponseException illegalTransition(long orderId, OrderStatus current, OrderStatus next) {
		return new ErrorResponseException(HttpStatus.CONFLICT,
				Problems.detail(HttpStatus.CONFLICT, "illegal-order-transition", "Illegal order transition",
						"Order " + orderId + " is " + current + " and cannot become " + next + "."),
				null);
	}

	public static ErrorResponseException pointsNotAccepted(long orderId) {
		return new ErrorResponseException(HttpStatus.CONFLICT,
				Problems.detail(HttpStatus.CONFLICT, "points-not-accepted", "Points not accepted",
						"Order " + orderId + " has no price in points: pay it with the gateway."),
				null);
	}

	public static ErrorResponseException keyReused(String requestId) {
		return new ErrorResponseException(HttpStatus.CONFLICT,
				Problems.detail(HttpStatus.CONFLICT, "idempotency-key-reused", "Idempotency key reused",
						"The key " + requestId + " was already used for an order with other items."),
				null);
	}

}
