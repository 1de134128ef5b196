package io.orderpulse.identity.internal;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import io.orderpulse.identity.UserAccessRevoked;
import io.orderpulse.platform.cluster.ClusterNode;
import io.orderpulse.platform.cluster.ClusterSettings;
import jakarta.annotation.PostConstruct;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.data.redis.connection.Message;
import org.springframework.data.redis.connection.MessageListener;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import org.springframework.stereotype.Component;

/**
 * Cluster mode's revocation messages, on the Redis pub/sub channel
 * {@code <prefix>identity:revocations} of the node's shared listener container. A node
 * that receives another's message forgets the user's or session's cached state and
 * publishes {@link UserAccessRevoked} locally, so its gateway closes the user's sessions.
 * Pub/sub is at most once: a node that misses a message (Redis restarting) reloads the
 * state within {@link AccessRevocations#RELOAD_AFTER} anyway, and its gateway's periodic
 * re-check of live sessions ({@code orderpulse.realtime.revocation-check-interval})
 * closes the sockets the message would have closed.
 */
@Component
@ConditionalOnProperty(name = ClusterSettings.ENABLED, havingValue = "true")
class RevocationBus implements MessageListener {

	private static final Logger log = LoggerFactory.getLogger(RevocationBus.class);

	private final StringRedisTemplate redis;

	private final RedisMessageListenerContainer listeners;

	private final JsonMapper json;

	private final ClusterNode node;

	private final AccessRevocations revocations;

	private final ApplicationEventPublisher events;

	private final String channel;

	RevocationBus(StringRedisTemplate redis, RedisMessageListenerContainer listeners, JsonMapper json, ClusterNode node,
			AccessRevocations revocations, ApplicationEventPublisher events) {
		this.redis = redis;
		this.listeners = listeners;
		this.json = json;
		this.node = node;
		this.revocations = revocations;
		this.events = events;
		this.channel = node.key("identity", "revocations");
	}

	@PostConstruct
	void start() {
		this.listeners.addMessageListener(this, new ChannelTopic(this.channel));
	}

	void publish(UserAccessRevoked revoked) {
		try {
			this.redis.convertAndSend(this.channel,
					this.json.writeValueAsString(new Envelope(this.node.id(), revoked.userId(), revoked.sessionId())));
		}
		catch (RuntimeException ex) {
			log.warn("Telling the other nodes that user {}'s access was revoked failed ({}); they notice within {}",
					revoked.userId(), NestedExceptionUtils.getMostSpecificCause(ex).toString(),
					AccessRevocations.RELOAD_AFTER);
		}
	}

	@Override
	public void onMessage(Message message, byte @Nullable [] pattern) {
		try {
			Envelope envelope = this.json.readValue(new String(message.getBody(), StandardCharsets.UTF_8),
					Envelope.class);
			if (this.node.id().equals(envelope.node())) {
				return;
			}
			UserAccessRevoked revoked = new UserAccessRevoked(envelope.userId(), envelope.sessionId());
			this.revocations.forget(revoked);
			this.events.publishEvent(revoked);
		}
		catch (RuntimeException ex) {
			log.warn("Ignoring a revocation message from Redis that could not be handled", ex);
		}
	}

	record Envelope(String node, long userId, @Nullable UUID sessionId) {
	}

}
