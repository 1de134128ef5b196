/**
 * The flash-sale HTTP API: sessions for admins, the list and the purchase attempts for
 * buyers.
 */
@NullMarked
package io.orderpulse.flashsale.web;

import org.jspecify.annotations.NullMarked;
