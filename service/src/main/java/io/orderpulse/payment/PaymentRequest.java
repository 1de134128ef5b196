package io.orderpulse.payment;

import java.math.BigDecimal;

/**
 * What the ordering module asks to be paid.
 *
 * @param orderId the order paid for
 * @param buyerId the user who pays (the only one who may see the payment)
 * @param orgId the buyer's organization
 * @param amount more than 0 and at most 9999999999.99, with at most two decimals
 * @param subject what the buyer sees at the provider, 1-256 characters
 */
public record PaymentRequest(long orderId, long buyerId, long orgId, BigDecimal amount, String subject) {

	/**
	 * The highest amount a payment may have (the column is {@code numeric(12, 2)}).
	 */
	public static final String MAX_AMOUNT = "9999999999.99";

	public PaymentRequest {
		if (amount.signum() <= 0 || amount.compareTo(new BigDecimal(MAX_AMOUNT)) > 0
				|| amount.stripTrailingZeros().scale() > 2) {
			throw new IllegalArgumentException("amount must be 0.01-" + MAX_AMOUNT + " with at most two decimals");
		}
		subject = subject.strip();
		if (subject.isEmpty() || subject.length() > 256) {
			throw new IllegalArgumentException("subject must have 1-256 characters");
		}
		amount = amount.setScale(2);
	}

}
