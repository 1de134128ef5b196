package io.orderpulse.catalog;

/**
 * A product and how many of it are left, read with its row locked
 * ({@link Catalog#lockStock}).
 *
 * @param product what it is, whose it is and what it costs
 * @param stock how many are left
 */
public record ProductStock(ProductSnapshot product, int stock) {

}
