package io.orderpulse.ordering;

import java.math.BigDecimal;
import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * One unit of a product offered at a fixed price from a stock of the offer's own (not the
 * catalog's), to be paid within the offer's own payment timeout: what
 * {@link OrderIntake#placeFixedPrice} turns into an order.
 *
 * @param shopId the product's shop
 * @param productId the product
 * @param productName the product's name, as the order shows it
 * @param price the fixed price of the unit
 * @param pointsPrice its price in points, if it can be paid with points
 * @param paymentTimeout how long the order may stay unpaid (see
 * {@link OrderTimeouts#cancelUnpaidFixedPriceOrders})
 */
public record FixedPriceOffer(long shopId, long productId, String productName, BigDecimal price,
		@Nullable Long pointsPrice, Duration paymentTimeout) {

}
