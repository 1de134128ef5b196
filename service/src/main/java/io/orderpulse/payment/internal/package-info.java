/**
 * Payment internals: persistence of payments and the ledger, the state changes with their
 * events, the provider port and the verification of provider notifies.
 */
@NullMarked
package io.orderpulse.payment.internal;

import org.jspecify.annotations.NullMarked;
