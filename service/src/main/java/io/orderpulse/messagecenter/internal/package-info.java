/**
 * Message center internals: persistence, settings, the send throttle, push fan-out and
 * the purge job.
 */
@NullMarked
package io.orderpulse.messagecenter.internal;

import org.jspecify.annotations.NullMarked;
