/**
 * Realtime: the STOMP gateway at {@code /ws} (and SockJS at {@code /sockjs}). Other
 * modules push through {@link io.orderpulse.realtime.UserEvents}: per-user events are
 * stored with a per-user sequence before they are pushed, so a client that reconnects
 * resumes without gaps.
 */
@NullMarked
@ApplicationModule(displayName = "Realtime")
package io.orderpulse.realtime;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
