/**
 * Catalog: shops (merchants) and their products with prices and stock.
 */
@NullMarked
@ApplicationModule(displayName = "Catalog")
package io.orderpulse.catalog;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
