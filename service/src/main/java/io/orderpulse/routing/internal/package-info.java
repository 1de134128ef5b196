/**
 * Message routing's storage, the listener that routes each new message, the job that
 * makes due deliveries, and the bounded worker pool of the external channels.
 */
@NullMarked
package io.orderpulse.routing.internal;

import org.jspecify.annotations.NullMarked;
