/**
 * Flash-sale internals: persistence, the embedded in-memory admission and the listeners
 * that create orders and return stock.
 */
@NullMarked
package io.orderpulse.flashsale.internal;

import org.jspecify.annotations.NullMarked;
