package io.orderpulse.payment;

import io.orderpulse.platform.Problems;

import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/**
 * A payment was asked for with a method this service does not offer as configured (the
 * sandbox gateway is off unless enabled). The problem detail carries {@code method}.
 */
public class PaymentMethodUnavailable extends ErrorResponseException {

	public PaymentMethodUnavailable(PaymentMethod method) {
		super(HttpStatus.CONFLICT, Problems.detail(HttpStatus.CONFLICT, "payment-method-unavailable",
				"Payment method unavailable", "Payment method " + method + " is not available on this service."), null);
		getBody().setProperty("method", method.name());
	}

}
