package io.orderpulse.payment;

import io.orderpulse.platform.Problems;

import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/**
 * A payment that does not exist or is not the caller's: both look the same.
 */
public class PaymentNotFound extends ErrorResponseException {

	public PaymentNotFound(String outTradeNo) {
		super(HttpStatus.NOT_FOUND, Problems.detail(HttpStatus.NOT_FOUND, "payment-not-found", "Payment not found",
				"There is no payment " + outTradeNo + "."), null);
	}

}
