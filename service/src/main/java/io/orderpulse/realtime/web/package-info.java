/**
 * Realtime HTTP API: presence and per-event delivery state.
 */
@NullMarked
package io.orderpulse.realtime.web;

import org.jspecify.annotations.NullMarked;
