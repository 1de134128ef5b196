/**
 * Ordering internals: persistence, asynchronous request processing and scheduled jobs.
 */
@NullMarked
package io.orderpulse.ordering.internal;

import org.jspecify.annotations.NullMarked;
