/**
 * Payment HTTP API: the buyer's view of a payment and the provider's notify endpoint.
 */
@NullMarked
package io.orderpulse.payment.web;

import org.jspecify.annotations.NullMarked;
