package io.orderpulse.catalog;

import java.math.BigDecimal;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A product as the API shows it.
 *
 * @param id the product's id
 * @param shopId the shop that sells it
 * @param shopName the shop's name
 * @param name the product's name
 * @param description what it is, if the merchant said
 * @param price the unit price, with two decimals
 * @param stock how many are left
 * @param createdAt when it was listed
 * @param updatedAt when it, or its stock, last changed
 */
public record Product(long id, long shopId, String shopName, String name, @Nullable String description,
		BigDecimal price, int stock, Instant createdAt, Instant updatedAt) {

}
