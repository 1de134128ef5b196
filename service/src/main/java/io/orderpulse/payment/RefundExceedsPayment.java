package io.orderpulse.payment;

import java.math.BigDecimal;

import io.orderpulse.platform.Problems;

import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/**
 * A refund asked for more than was paid (409 {@code refund-exceeds-payment}); nothing was
 * refunded. The problem detail names the field {@code amount} and carries the
 * {@code paid} amount.
 */
public class RefundExceedsPayment extends ErrorResponseException {

	public RefundExceedsPayment(String outTradeNo, BigDecimal asked, BigDecimal paid) {
		super(HttpStatus.CONFLICT,
				Problems.detail(HttpStatus.CONFLICT, "refund-exceeds-payment", "Refund exceeds payment",
						"amount " + asked.toPlainString() + " is more than the " + paid.toPlainString() + " paid with "
								+ outTradeNo + "."),
				null);
		getBody().setProperty("field", "amount");
		getBody().setProperty("paid", paid);
	}

}
