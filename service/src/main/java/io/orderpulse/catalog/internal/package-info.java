/**
 * Catalog internals: persistence of shops and products.
 */
@NullMarked
package io.orderpulse.catalog.internal;

import org.jspecify.annotations.NullMarked;
