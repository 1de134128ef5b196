package io.orderpulse.realtime;

import java.util.Map;

import io.orderpulse.realtime.internal.LocalDelivery;

import org.springframework.stereotype.Service;

/**
 * Who is connected. On a single node this is the node's own sessions; cluster mode keeps
 * it in Redis.
 */
@Service
public class Presence {

	private final LocalDelivery delivery;

	Presence(LocalDelivery delivery) {
		this.delivery = delivery;
	}

	/**
	 * How many sessions the user has open.
	 */
	public int sessions(long userId) {
		return this.delivery.sessions(userId);
	}

	/**
	 * The connected users of an organization and their session counts.
	 */
	public Map<Long, Integer> online(long orgId) {
		return this.delivery.online(orgId);
	}

	/**
	 * The connected users of every organization, each with their organization.
	 */
	public Map<Long, Long> onlineEverywhere() {
		return this.delivery.onlineEverywhere();
	}

}
