package io.orderpulse.realtime.internal;

import io.orderpulse.platform.cluster.ClusterSettings;
import io.orderpulse.realtime.UserEvent;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * The single-node fan-out: every session is on this node. Cluster mode uses
 * {@link RedisFanout} instead.
 */
@Component
@ConditionalOnProperty(name = ClusterSettings.ENABLED, havingValue = "false", matchIfMissing = true)
class LocalFanout implements EventFanout {

	private final LocalDelivery delivery;

	LocalFanout(LocalDelivery delivery) {
		this.delivery = delivery;
	}

	@Override
	public void publish(UserEvent event) {
		this.delivery.deliver(event);
	}

	@Override
	public void broadcast(@Nullable Long orgId, String destination, String payload) {
		this.delivery.broadcast(orgId, destination, payload);
	}

}
