/**
 * Flash-sale internals: persistence, the embedded in-memory admission, the item cache,
 * the stock ticker, the orders of admissions, the releases that return stock, the
 * reconciliation and the listeners and jobs that drive them.
 */
@NullMarked
package io.orderpulse.flashsale.internal;

import org.jspecify.annotations.NullMarked;
