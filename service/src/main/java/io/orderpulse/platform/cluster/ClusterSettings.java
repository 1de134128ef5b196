package io.orderpulse.platform.cluster;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of cluster mode ({@code orderpulse.cluster.*}); profile {@code cluster} turns
 * it on.
 *
 * @param enabled whether this node is one of several: Redis carries events, presence and
 * flash-sale admission (without it nothing touches Redis)
 * @param keyPrefix what every Redis key and channel of this deployment starts with, so
 * several deployments (or test runs) can share one Redis
 * @param nodeId this node's name in presence; blank for the host name and a random suffix
 * @param presenceTtl how long a node's presence entries live without a heartbeat (a
 * killed node's sessions disappear after this)
 * @param presenceHeartbeat how often a node renews its presence entries
 * @param catchUpInterval how often a node compares its users' streams with the database
 * and delivers events whose pub/sub message it missed
 */
@ConfigurationProperties("orderpulse.cluster")
public record ClusterSettings(@DefaultValue("false") boolean enabled, @DefaultValue("orderpulse:") String keyPrefix,
		@Nullable String nodeId, @DefaultValue("30s") Duration presenceTtl,
		@DefaultValue("10s") Duration presenceHeartbeat, @DefaultValue("5s") Duration catchUpInterval) {

	/** The property that switches cluster mode on. */
	public static final String ENABLED = "orderpulse.cluster.enabled";

}
