package io.orderpulse.realtime.internal;

import java.util.Map;

/**
 * Who is connected across the cluster. Only cluster mode has one ({@link RedisPresence});
 * a single node answers from {@link LocalDelivery}.
 */
public interface PresenceDirectory {

	int sessions(long userId);

	Map<Long, Integer> online(long orgId);

	/**
	 * The connected users of every organization, each with their organization.
	 */
	Map<Long, Long> onlineEverywhere();

}
