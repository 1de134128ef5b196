package io.orderpulse.payment;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A user's points: the balance and the latest movements.
 *
 * @param userId the owner
 * @param balance the points available
 * @param entries the latest movements, newest first
 */
public record PointsAccount(long userId, long balance, List<Entry> entries) {

	/**
	 * One movement of points.
	 *
	 * @param outTradeNo the payment (or grant) it belongs to
	 * @param type GRANT, PAY or REFUND
	 * @param amount the points moved: negative when taken
	 * @param balanceAfter the balance after it
	 * @param note why
	 * @param createdAt when
	 */
	public record Entry(String outTradeNo, String type, long amount, long balanceAfter, @Nullable String note,
			Instant createdAt) {
	}

}
