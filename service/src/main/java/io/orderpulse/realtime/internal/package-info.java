/**
 * Realtime internals: the STOMP protocol handler, sessions and their outboxes, the event
 * store, ordered per-user delivery, replay, heart-beats and limits.
 */
@NullMarked
package io.orderpulse.realtime.internal;

import org.jspecify.annotations.NullMarked;
