package io.orderpulse.realtime.internal;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.lettuce.core.LettuceFutures;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.orderpulse.platform.cluster.ClusterNode;
import io.orderpulse.platform.cluster.ClusterSettings;
import io.orderpulse.realtime.UserEvent;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.data.redis.connection.Message;
import org.springframework.data.redis.connection.MessageListener;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import org.springframework.stereotype.Component;

/**
 * Cluster mode's fan-out over one Redis pub/sub channel ({@code <prefix>realtime}). A
 * committed event is handed to this node's sessions at once and published once to the
 * channel; every other node receives it and delivers it to its own sessions through
 * {@link LocalDelivery}. No node holds a broker connection per session: one subscription
 * per node carries everything, per-user events and organization or global broadcasts.
 * (The publisher skips its own messages instead of waiting for them to come back: its
 * users get the event without a Redis round trip, and still get it while Redis is down.)
 * <p>
 * Pub/sub is at most once, so it is only the fast path; the database is the truth. A
 * message that is lost (Redis restarting, a subscriber reconnecting) is healed without
 * the client doing anything: the user's next event arrives ahead of its sequence and
 * {@link LocalDelivery} reads the gap back from the database, and every
 * {@code catch-up-interval} (5 s) each node compares its users' streams with the database
 * and delivers what it missed. A client that was disconnected resumes from its last
 * sequence as always. Publishing happens on a background thread: a transaction that has
 * committed never fails or waits because Redis is slow or down; while Redis fails,
 * messages for other nodes are dropped (counted, logged) and caught up from the database
 * once it is back. Broadcasts are live-only by contract and are not caught up.
 */
@Component
@ConditionalOnProperty(name = ClusterSettings.ENABLED, havingValue = "true")
class RedisFanout implements EventFanout, MessageListener {

	private static final Logger log = LoggerFactory.getLogger(RedisFanout.class);

	/** Messages waiting to be published; past this they are dropped (caught up later). */
	private static final int QUEUE_CAPACITY = 100_000;

	/** Messages published per round trip at most. */
	private static final int BATCH = 500;

	/** How long publishing pauses after Redis failed, so a dead Redis costs nothing. */
	private static final long PAUSE_AFTER_FAILURE = TimeUnit.SECONDS.toNanos(1);

	private final LocalDelivery delivery;

	private final StringRedisTemplate redis;

	private final RedisMessageListenerContainer listeners;

	private final JsonMapper json;

	private final ClusterNode node;

	private final ClusterSettings settings;

	/**
	 * The catch-up's own thread: on the application's scheduler it would wait behind
	 * tasks that are stuck on Redis timeouts exactly when it is needed.
	 */
	private final ScheduledExecutorService catchUpThread = Executors
		.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("redis-catch-up").factory());

	private final String channel;

	private final BlockingQueue<String> outgoing = new ArrayBlockingQueue<>(QUEUE_CAPACITY);

	private final AtomicLong dropped = new AtomicLong();

	private volatile long pausedUntil = System.nanoTime();

	private volatile boolean running = true;

	private @Nullable Thread publisher;

	RedisFanout(LocalDelivery delivery, StringRedisTemplate redis, RedisMessageListenerContainer listeners,
			JsonMapper json, ClusterNode node, ClusterSettings settings) {
		this.delivery = delivery;
		this.redis = redis;
		this.listeners = listeners;
		this.json = json;
		this.node = node;
		this.settings = settings;
		this.channel = node.key("realtime");
	}

	@PostConstruct
	void start() {
		this.listeners.addMessageListener(this, new ChannelTopic(this.channel));
		this.publisher = Thread.ofVirtual().name("redis-fanout").start(this::publishLoop);
		long interval = this.settings.catchUpInterval().toMillis();
		this.catchUpThread.scheduleWithFixedDelay(this::catchUp, interval, interval, TimeUnit.MILLISECONDS);
	}

	@PreDestroy
	void stop() {
		this.running = false;
		this.catchUpThread.shutdownNow();
		if (this.publisher != null) {
			this.publisher.interrupt();
		}
	}

	@Override
	public void publish(UserEvent event) {
		this.delivery.deliver(event);
		enqueue(new Envelope(this.node.id(), event, null, null, null));
	}

	@Override
	public void broadcast(@Nullable Long orgId, String destination, String payload) {
		this.delivery.broadcast(orgId, destination, payload);
		enqueue(new Envelope(this.node.id(), null, orgId, destination, payload));
	}

	private void enqueue(Envelope envelope) {
		if (!this.outgoing.offer(this.json.writeValueAsString(envelope))) {
			dropped();
		}
	}

	/**
	 * Publishes what is queued in batches of up to 500 messages: sent one after the other
	 * on the shared connection without waiting, then awaited together, so the rate does
	 * not depend on Redis's latency (and no connection is opened per batch, as a Spring
	 * Data pipeline would).
	 */
	private void publishLoop() {
		byte[] channel = this.channel.getBytes(StandardCharsets.UTF_8);
		List<String> batch = new ArrayList<>(BATCH);
		while (this.running) {
			try {
				batch.add(this.outgoing.take());
			}
			catch (InterruptedException ex) {
				return;
			}
			this.outgoing.drainTo(batch, BATCH - 1);
			if (System.nanoTime() - this.pausedUntil < 0) {
				batch.forEach((message) -> dropped());
				batch.clear();
				continue;
			}
			try {
				this.redis.execute((RedisCallback<Void>) (connection) -> {
					publish(connection, channel, batch);
					return null;
				});
			}
			catch (RuntimeException ex) {
				this.pausedUntil = System.nanoTime() + PAUSE_AFTER_FAILURE;
				batch.forEach((message) -> dropped());
				log.warn("Publishing to Redis failed ({}); other nodes catch up from the database",
						NestedExceptionUtils.getMostSpecificCause(ex).toString());
			}
			batch.clear();
		}
	}

	@SuppressWarnings("unchecked")
	private static void publish(RedisConnection connection, byte[] channel, List<String> batch) {
		RedisClusterAsyncCommands<byte[], byte[]> commands = (RedisClusterAsyncCommands<byte[], byte[]>) connection
			.getNativeConnection();
		RedisFuture<?>[] replies = new RedisFuture<?>[batch.size()];
		for (int i = 0; i < batch.size(); i++) {
			replies[i] = commands.publish(channel, batch.get(i).getBytes(StandardCharsets.UTF_8));
		}
		if (!LettuceFutures.awaitAll(Duration.ofSeconds(5), replies)) {
			throw new QueryTimeoutException("Redis did not confirm " + batch.size() + " publishes within 5 s");
		}
	}

	private void dropped() {
		long count = this.dropped.incrementAndGet();
		if (count == 1 || count % 1000 == 0) {
			log.warn("{} realtime messages not published to the other nodes so far", count);
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
			if (envelope.event() != null) {
				this.delivery.deliver(envelope.event());
			}
			else if (envelope.destination() != null && envelope.payload() != null) {
				this.delivery.broadcast(envelope.orgId(), envelope.destination(), envelope.payload());
			}
		}
		catch (RuntimeException ex) {
			log.warn("Ignoring a realtime message from Redis that could not be handled", ex);
		}
	}

	void catchUp() {
		try {
			int caught = this.delivery.catchUp();
			if (caught > 0) {
				log.info("Caught up {} events that did not arrive through Redis", caught);
			}
		}
		catch (RuntimeException ex) {
			log.warn("Catching up with the stored events failed: {}", ex.toString());
		}
	}

	/**
	 * What travels on the channel: a per-user event, or a broadcast to an organization
	 * ({@code orgId}) or to everyone ({@code orgId} null).
	 */
	record Envelope(String node, @Nullable UserEvent event, @Nullable Long orgId, @Nullable String destination,
			@Nullable String payload) {
	}

}
