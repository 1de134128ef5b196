package io.orderpulse.payment.internal;

import java.math.BigDecimal;

import io.orderpulse.payment.PaymentMethod;

/**
 * A payment provider as this service calls it. The provider reports payments back
 * asynchronously (for the sandbox: a signed notify to
 * {@code POST /api/v1/payments/notify/sandbox}).
 */
public interface PaymentGateway {

	PaymentMethod method();

	/**
	 * Where the buyer pays a trade.
	 */
	String payUrl(String outTradeNo);

	/**
	 * Opens a trade at the provider for the buyer (the only one who may pay it); opening
	 * an open trade again changes nothing.
	 */
	void open(String outTradeNo, BigDecimal amount, String subject, long buyerId);

	/**
	 * Pays a received payment back.
	 */
	void refund(String outTradeNo, BigDecimal amount, String reason);

}
