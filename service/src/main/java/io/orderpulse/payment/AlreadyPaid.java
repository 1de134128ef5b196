package io.orderpulse.payment;

import io.orderpulse.platform.Problems;

import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/**
 * A payment was asked for an order that is already paid. The problem detail carries
 * {@code orderId} and {@code outTradeNo}.
 */
public class AlreadyPaid extends ErrorResponseException {

	private final long orderId;

	private final String outTradeNo;

	public AlreadyPaid(long orderId, String outTradeNo) {
		super(HttpStatus.CONFLICT, Problems.detail(HttpStatus.CONFLICT, "already-paid", "Already paid",
				"Order " + orderId + " is already paid."), null);
		getBody().setProperty("orderId", orderId);
		getBody().setProperty("outTradeNo", outTradeNo);
		this.orderId = orderId;
		this.outTradeNo = outTradeNo;
	}

	public long orderId() {
		return this.orderId;
	}

	public String outTradeNo() {
		return this.outTradeNo;
	}

}
