package io.orderpulse.catalog;

import java.math.BigDecimal;

/**
 * A product as another module (ordering) needs it at one moment: what it is, whose it is
 * and what it costs.
 *
 * @param id the product's id
 * @param shopId the shop that sells it
 * @param orgId the organization of the shop
 * @param name the product's name
 * @param price the unit price, with two decimals
 */
public record ProductSnapshot(long id, long shopId, long orgId, String name, BigDecimal price) {

}
