package io.orderpulse.ordering;

import java.math.BigDecimal;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What the merchants of a shop are pushed on {@code /user/queue/alerts}. The merchant
 * page and the seed key on the numeric {@code type}, so it is written as its
 * {@link Type#code()} (1, 2 or 3) and the fields keep their order: the JSON is the same
 * as before this was a type.
 *
 * @param type what happened
 * @param orderId the order
 * @param content a line to show: the order's number
 * @param orderNumber the order's number
 * @param amount the order's total
 * @param announcement a line to read out, by type
 */
@JsonPropertyOrder({ "type", "orderId", "content", "orderNumber", "amount", "announcement" })
public record MerchantAlert(Type type, long orderId, String content, String orderNumber, BigDecimal amount,
		String announcement) {

	/**
	 * The alert of this type for an order.
	 */
	public static MerchantAlert of(Type type, OrderView order) {
		return new MerchantAlert(type, order.id(), "订单号：" + order.orderNumber(), order.orderNumber(),
				order.totalPrice(), type.announcement());
	}

	/**
	 * What a merchant is alerted of.
	 */
	public enum Type {

		/** An order of the shop was paid (1). */
		NEW_ORDER(1, "您有新的订单"),

		/** A buyer reminded the shop of an order (2). */
		REMINDER(2, "客户催单"),

		/** An order of the shop was refunded (3). */
		REFUNDED(3, "订单已退款");

		private final int code;

		private final String announcement;

		Type(int code, String announcement) {
			this.code = code;
			this.announcement = announcement;
		}

		/**
		 * The number the alert's JSON carries as {@code type}.
		 */
		@JsonValue
		public int code() {
			return this.code;
		}

		/**
		 * The line to read out.
		 */
		public String announcement() {
			return this.announcement;
		}

	}

}
