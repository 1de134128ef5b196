/**
 * Ordering HTTP API: buyers' orders and requests, merchants' order actions.
 */
@NullMarked
package io.orderpulse.ordering.web;

import org.jspecify.annotations.NullMarked;
