package io.orderpulse.flashsale;

import java.math.BigDecimal;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * An item of a flash-sale session as buyers see it.
 *
 * @param itemId the item's id (what attempts name)
 * @param sessionId its session
 * @param sessionName the session's name
 * @param orgId the organization
 * @param shopId the shop that sells the product
 * @param productId the product
 * @param productName the product's name when the item was created
 * @param flashPrice the price during the sale
 * @param pointsPrice the price in points, if it can be paid with points
 * @param stock the units on sale
 * @param remaining the units not yet admitted
 * @param startTime when the sale starts
 * @param endTime when it ends
 */
public record FlashSaleItem(long itemId, long sessionId, String sessionName, long orgId, long shopId, long productId,
		String productName, BigDecimal flashPrice, @Nullable Long pointsPrice, int stock, int remaining,
		Instant startTime, Instant endTime) {

	/**
	 * UPCOMING, ACTIVE or ENDED as of {@code now}.
	 */
	public String state(Instant now) {
		if (now.isBefore(this.startTime)) {
			return "UPCOMING";
		}
		return now.isBefore(this.endTime) ? "ACTIVE" : "ENDED";
	}

}
