package io.orderpulse.realtime.internal;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the STOMP gateway ({@code orderpulse.realtime.*}).
 *
 * @param retention how long per-user events are kept for resume
 * @param heartbeat the server's heart-beat in both directions ({@code 0} turns them off)
 * @param connectTimeout how long a new WebSocket may take to send CONNECT
 * @param idleTimeout how long a socket may see no traffic at all (neither data nor
 * heart-beats)
 * @param maxFrameSize the largest inbound frame
 * @param sendBufferLimit the most bytes queued for one session before it is disconnected
 * as a slow consumer
 * @param sendTimeLimit the longest one write to a session may block before it is
 * disconnected
 * @param maxSubscriptionsPerSession subscriptions one session may hold
 * @param maxSessionsPerUser sessions one user may have open on a node
 * @param maxInboundFramesPerSecond frames a session may send per second
 * @param replayBatchSize events read per query while replaying
 * @param allowedOriginPatterns origins allowed to open the socket (authentication is by
 * token, not cookie, so any origin is safe by default)
 * @param revocationCheckInterval how often each node checks the tokens of all its live
 * sessions against the database and closes those revoked: the longest a socket stays open
 * after a revocation whose cluster message its node missed
 */
@ConfigurationProperties("orderpulse.realtime")
public record RealtimeSettings(@DefaultValue("7d") Duration retention, @DefaultValue("10s") Duration heartbeat,
		@DefaultValue("5s") Duration connectTimeout, @DefaultValue("5m") Duration idleTimeout,
		@DefaultValue("64KB") DataSize maxFrameSize, @DefaultValue("1MB") DataSize sendBufferLimit,
		@DefaultValue("10s") Duration sendTimeLimit, @DefaultValue("20") int maxSubscriptionsPerSession,
		@DefaultValue("10") int maxSessionsPerUser, @DefaultValue("50") int maxInboundFramesPerSecond,
		@DefaultValue("500") int replayBatchSize, @DefaultValue("*") List<String> allowedOriginPatterns,
		@DefaultValue("30s") Duration revocationCheckInterval) {

}
