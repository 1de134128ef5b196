package io.orderpulse.payment;

/**
 * How a payment is made.
 */
public enum PaymentMethod {

	/**
	 * The built-in sandbox gateway, which stands in for an external provider.
	 */
	SANDBOX,

	/**
	 * The buyer's points account: taken at once, atomically, when the payment is made.
	 */
	POINTS

}
