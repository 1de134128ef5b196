package io.orderpulse.realtime;

import java.util.Map;

import io.orderpulse.realtime.internal.LocalDelivery;
import io.orderpulse.realtime.internal.PresenceDirectory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

/**
 * Who is connected. On a single node this is the node's own sessions; cluster mode keeps
 * it in Redis, so every node answers for the whole cluster.
 */
@Service
public class Presence {

	private final LocalDelivery delivery;

	private final @Nullable PresenceDirectory cluster;

	Presence(LocalDelivery delivery, ObjectProvider<PresenceDirectory> cluster) {
		this.delivery = delivery;
		this.cluster = cluster.getIfAvailable();
	}

	/**
	 * How many sessions the user has open.
	 */
	public int sessions(long userId) {
		return (this.cluster != null) ? this.cluster.sessions(userId) : this.delivery.sessions(userId);
	}

	/**
	 * The connected users of an organization and their session counts.
	 */
	public Map<Long, Integer> online(long orgId) {
		return (this.cluster != null) ? this.cluster.online(orgId) : this.delivery.online(orgId);
	}

	/**
	 * The connected users of every organization, each with their organization.
	 */
	public Map<Long, Long> onlineEverywhere() {
		return (this.cluster != null) ? this.cluster.onlineEverywhere() : this.delivery.onlineEverywhere();
	}

}
