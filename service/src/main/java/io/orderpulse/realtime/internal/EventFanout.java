package io.orderpulse.realtime.internal;

import io.orderpulse.realtime.UserEvent;
import org.jspecify.annotations.Nullable;

/**
 * Carries committed events to every node that may hold the recipients' sessions. On a
 * single node it hands them straight to {@link LocalDelivery}; cluster mode puts a bus
 * (Redis pub/sub) behind this port.
 */
public interface EventFanout {

	void publish(UserEvent event);

	void broadcast(@Nullable Long orgId, String destination, String payload);

}
