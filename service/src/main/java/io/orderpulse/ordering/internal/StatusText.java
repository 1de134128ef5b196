package io.orderpulse.ordering.internal;

/**
 * The human-readable {@code message} of each step pushed to the buyer
 * ({@link io.orderpulse.ordering.OrderStatusMessage}) and stored on the request: Chinese
 * first, as the original specification has it, and English in brackets.
 */
public enum StatusText {

	/** The request was accepted (PENDING). */
	ACCEPTED("订单创建中 (order accepted)"),

	/** The request is being turned into an order (PROCESSING). */
	PROCESSING("订单处理中 (processing)"),

	/** The request became an order (COMPLETED). */
	CREATED("订单创建成功 (order created)"),

	PAID("支付成功 (paid)"),

	CONFIRMED("商家已接单 (confirmed)"),

	/** The merchant rejected the order; followed by the merchant's reason. */
	REJECTED("商家拒单 (rejected)"),

	DELIVERING("配送中 (delivering)"),

	COMPLETED("已完成 (completed)"),

	CANCELLED_BY_BUYER("订单已取消 (cancelled by you)"),

	PAYMENT_TIMED_OUT("支付超时，订单已取消 (payment timed out)"),

	/** The buyer had the order refunded; followed by the reason. */
	REFUNDED("退款成功 (refunded)"),

	/** A merchant of the shop refunded the order; followed by the reason. */
	REFUNDED_BY_SHOP("商家退款 (refunded by the shop)");

	private final String text;

	StatusText(String text) {
		this.text = text;
	}

	/**
	 * The text as pushed.
	 */
	public String text() {
		return this.text;
	}

	/**
	 * The text followed by a reason, as in {@code 商家拒单 (rejected): out of noodles}.
	 */
	public String with(String reason) {
		return this.text + ": " + reason;
	}

}
