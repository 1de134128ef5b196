package io.orderpulse.payment;

import io.orderpulse.platform.Problems;

import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/**
 * The buyer's points do not cover a payment (409 {@code insufficient-points}); nothing
 * was taken. The problem detail carries {@code required} and {@code balance}.
 */
public class InsufficientPoints extends ErrorResponseException {

	public InsufficientPoints(long required, long balance) {
		super(HttpStatus.CONFLICT, Problems.detail(HttpStatus.CONFLICT, "insufficient-points", "Insufficient points",
				"This payment needs " + required + " points; you have " + balance + "."), null);
		getBody().setProperty("required", required);
		getBody().setProperty("balance", balance);
	}

}
