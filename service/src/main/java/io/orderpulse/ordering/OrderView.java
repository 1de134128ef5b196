package io.orderpulse.ordering;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * An order as the API shows it. {@code pointsPrice} is the order's own price in points (a
 * {@link FixedPriceOffer}'s), or null.
 */
public record OrderView(long id, String orderNumber, String requestId, long buyerId, long shopId, OrderStatus status,
		BigDecimal totalPrice, List<Item> items, @Nullable String cancelReason, Instant createdAt, Instant updatedAt,
		@Nullable Instant paidAt, @Nullable Long pointsPrice) {

	/**
	 * One line of an order, with the product's name and price when it was ordered.
	 */
	public record Item(long productId, String productName, BigDecimal unitPrice, int quantity, BigDecimal lineTotal) {
	}

}
