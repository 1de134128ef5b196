package io.orderpulse.realtime.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.orderpulse.identity.AuthenticatedUser;
import io.orderpulse.platform.cluster.ClusterNode;
import io.orderpulse.platform.cluster.ClusterSettings;
import io.orderpulse.realtime.Destinations;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.Lifecycle;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

/**
 * Cluster-wide presence in Redis. Each node writes its own users' session counts into
 * hashes of its own ({@code <prefix>presence:node:<node>:users} and one per organization,
 * {@code ...:org:<orgId>}) and lists itself in {@code <prefix>presence:nodes} with an
 * expiry time. Its keys live for {@code presence-ttl} (30 s) and a heartbeat renews them
 * every {@code presence-heartbeat} (10 s): a node that is killed drops out of every
 * answer once its entry expires, without anyone cleaning up after it. Readers sum the
 * live nodes' counts in one Lua script, so {@code /api/v1/presence} on any node shows
 * every node's sessions.
 * <p>
 * Changes are written by one background task (every 100 ms) with the user's current count
 * on this node, never as increments, so a write that failed or a Redis that lost its data
 * is repaired by writing again: failed users stay pending, and a heartbeat that finds
 * this node's keys gone rewrites all of them. The same script that writes a count returns
 * the user's cluster-wide count before and after, from which ONLINE (the first session
 * anywhere) and OFFLINE (the last one closed) are announced on {@code /topic/presence} to
 * every node. While Redis is unreachable, reads fall back to this node's own sessions.
 * <p>
 * Both tasks run on a thread of their own, not on the application's scheduler: while
 * Redis is away each call waits for the command timeout, and on the shared scheduler
 * thread that would hold up the gateway's heart-beats, the delivery bookkeeping and
 * {@link RedisFanout}'s catch-up from the database, which need no Redis.
 */
@Component
@ConditionalOnProperty(name = ClusterSettings.ENABLED, havingValue = "true")
class RedisPresence implements PresenceDirectory, LocalDelivery.PresenceListener {

	private static final Logger log = LoggerFactory.getLogger(RedisPresence.class);

	private static final String NOW = """
			local t = redis.call('TIME')
			local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
			""";

	/**
	 * KEYS: nodes, this node's users, its organization hash, its organization set; ARGV:
	 * node key prefix, user, count, organization, ttl (ms), node id. Returns the user's
	 * cluster-wide count before and after.
	 */
	private static final RedisScript<List> WRITE = RedisScript.of(NOW + """
			local ttl = tonumber(ARGV[5])
			local old = tonumber(redis.call('HGET', KEYS[2], ARGV[2]) or '0')
			local new = tonumber(ARGV[3])
			local others = 0
			for _, n in ipairs(redis.call('ZRANGEBYSCORE', KEYS[1], now, '+inf')) do
			  if n ~= ARGV[6] then
			    others = others + tonumber(redis.call('HGET', ARGV[1] .. n .. ':users', ARGV[2]) or '0')
			  end
			end
			if new > 0 then
			  redis.call('HSET', KEYS[2], ARGV[2], new)
			  redis.call('HSET', KEYS[3], ARGV[2], new)
			else
			  redis.call('HDEL', KEYS[2], ARGV[2])
			  redis.call('HDEL', KEYS[3], ARGV[2])
			end
			redis.call('SADD', KEYS[4], ARGV[4])
			redis.call('PEXPIRE', KEYS[2], ttl)
			redis.call('PEXPIRE', KEYS[3], ttl)
			redis.call('PEXPIRE', KEYS[4], ttl)
			redis.call('ZADD', KEYS[1], now + ttl, ARGV[6])
			return {others + old, others + new}
			""", List.class);

	/**
	 * KEYS: nodes, this node's users, its organization set; ARGV: node key prefix, ttl
	 * (ms), node id. Returns 1 if this node's users are still there.
	 */
	private static final RedisScript<Long> HEARTBEAT = RedisScript.of(NOW + """
			local ttl = tonumber(ARGV[2])
			redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
			redis.call('ZADD', KEYS[1], now + ttl, ARGV[3])
			for _, org in ipairs(redis.call('SMEMBERS', KEYS[3])) do
			  redis.call('PEXPIRE', ARGV[1] .. ARGV[3] .. ':org:' .. org, ttl)
			end
			redis.call('PEXPIRE', KEYS[3], ttl)
			return redis.call('PEXPIRE', KEYS[2], ttl)
			""", Long.class);

	/** KEYS: nodes; ARGV: node key prefix, user. */
	private static final RedisScript<Long> SESSIONS = RedisScript.of(NOW + """
			local total = 0
			for _, n in ipairs(redis.call('ZRANGEBYSCORE', KEYS[1], now, '+inf')) do
			  total = total + tonumber(redis.call('HGET', ARGV[1] .. n .. ':users', ARGV[2]) or '0')
			end
			return total
			""", Long.class);

	/** KEYS: nodes; ARGV: node key prefix. Returns user, organization, ... */
	private static final RedisScript<List> EVERYWHERE = RedisScript.of(NOW + """
			local result = {}
			for _, n in ipairs(redis.call('ZRANGEBYSCORE', KEYS[1], now, '+inf')) do
			  for _, org in ipairs(redis.call('SMEMBERS', ARGV[1] .. n .. ':orgs')) do
			    for _, user in ipairs(redis.call('HKEYS', ARGV[1] .. n .. ':org:' .. org)) do
			      result[#result + 1] = user
			      result[#result + 1] = org
			    end
			  end
			end
			return result
			""", List.class);

	/** KEYS: nodes; ARGV: node key prefix, organization. Returns user, count, ... */
	private static final RedisScript<List> ONLINE = RedisScript.of(NOW + """
			local counts = {}
			local users = {}
			for _, n in ipairs(redis.call('ZRANGEBYSCORE', KEYS[1], now, '+inf')) do
			  local entries = redis.call('HGETALL', ARGV[1] .. n .. ':org:' .. ARGV[2])
			  for i = 1, #entries, 2 do
			    local user = entries[i]
			    if counts[user] == nil then
			      counts[user] = 0
			      users[#users + 1] = user
			    end
			    counts[user] = counts[user] + tonumber(entries[i + 1])
			  end
			end
			local result = {}
			for _, user in ipairs(users) do
			  result[#result + 1] = user
			  result[#result + 1] = tostring(counts[user])
			end
			return result
			""", List.class);

	private final LocalDelivery delivery;

	private final EventFanout fanout;

	private final StringRedisTemplate redis;

	private final ClusterNode node;

	private final ClusterSettings settings;

	private final ScheduledExecutorService tasks = Executors
		.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("redis-presence").factory());

	private final String nodes;

	private final String nodePrefix;

	private final String ownPrefix;

	/** Users whose count on this node changed and is not written yet, with their org. */
	private final ConcurrentHashMap<Long, Long> pending = new ConcurrentHashMap<>();

	RedisPresence(LocalDelivery delivery, EventFanout fanout, StringRedisTemplate redis, ClusterNode node,
			ClusterSettings settings) {
		this.delivery = delivery;
		this.fanout = fanout;
		this.redis = redis;
		this.node = node;
		this.settings = settings;
		this.nodes = node.key("presence", "nodes");
		this.nodePrefix = node.key("presence", "node", "");
		this.ownPrefix = this.nodePrefix + node.id();
	}

	@PostConstruct
	void start() {
		this.delivery.onSessionsChanged(this);
		long heartbeat = this.settings.presenceHeartbeat().toMillis();
		this.tasks.scheduleWithFixedDelay(this::flush, 100, 100, TimeUnit.MILLISECONDS);
		this.tasks.scheduleWithFixedDelay(this::heartbeat, heartbeat, heartbeat, TimeUnit.MILLISECONDS);
	}

	/**
	 * Stops the presence tasks also when the context never started (a failed refresh
	 * publishes no {@link ContextClosedEvent} but destroys its beans).
	 */
	@PreDestroy
	void shutdown() {
		this.tasks.shutdownNow();
	}

	/**
	 * A node that shuts down takes its sessions out of presence at once (before the Redis
	 * connection stops).
	 */
	@EventListener(ContextClosedEvent.class)
	void stop() {
		this.tasks.shutdownNow();
		try {
			List<String> keys = new ArrayList<>(List.of(this.ownPrefix + ":users", this.ownPrefix + ":orgs"));
			for (String org : this.redis.opsForSet().members(this.ownPrefix + ":orgs")) {
				keys.add(this.ownPrefix + ":org:" + org);
			}
			this.redis.delete(keys);
			this.redis.opsForZSet().remove(this.nodes, this.node.id());
		}
		catch (RuntimeException ex) {
			log.warn("Removing this node from presence failed; its entries expire by themselves: {}", ex.toString());
		}
	}

	/**
	 * Whether the Redis connection is stopped while the context lives on (Spring pauses
	 * an idle context's lifecycle beans, as the test framework does with cached
	 * contexts): the tasks wait for it to start again instead of failing every round.
	 */
	private boolean paused() {
		return this.redis.getConnectionFactory() instanceof Lifecycle connection && !connection.isRunning();
	}

	@Override
	public void sessionsChanged(AuthenticatedUser user) {
		this.pending.put(user.userId(), user.orgId());
	}

	void flush() {
		if (paused()) {
			return;
		}
		for (Long userId : List.copyOf(this.pending.keySet())) {
			Long orgId = this.pending.remove(userId);
			if (orgId == null) {
				continue;
			}
			int count = this.delivery.sessions(userId);
			try {
				List<?> totals = this.redis.execute(WRITE,
						List.of(this.nodes, this.ownPrefix + ":users", this.ownPrefix + ":org:" + orgId,
								this.ownPrefix + ":orgs"),
						this.nodePrefix, Long.toString(userId), Integer.toString(count), Long.toString(orgId),
						Long.toString(this.settings.presenceTtl().toMillis()), this.node.id());
				announce(userId, orgId, ((Number) totals.get(0)).intValue(), ((Number) totals.get(1)).intValue());
			}
			catch (RuntimeException ex) {
				this.pending.putIfAbsent(userId, orgId);
				log.warn("Writing presence to Redis failed; retrying: {}", ex.toString());
				return;
			}
		}
	}

	private void announce(long userId, long orgId, int before, int after) {
		if (before == 0 && after > 0) {
			this.fanout.broadcast(orgId, Destinations.PRESENCE, LocalDelivery.presencePayload(userId, "ONLINE", after));
		}
		else if (before > 0 && after == 0) {
			this.fanout.broadcast(orgId, Destinations.PRESENCE, LocalDelivery.presencePayload(userId, "OFFLINE", 0));
		}
	}

	void heartbeat() {
		if (paused()) {
			return;
		}
		try {
			Long present = this.redis.execute(HEARTBEAT,
					List.of(this.nodes, this.ownPrefix + ":users", this.ownPrefix + ":orgs"), this.nodePrefix,
					Long.toString(this.settings.presenceTtl().toMillis()), this.node.id());
			if (present == null || present == 0) {
				// Redis lost this node's entries (restarted, or they expired): write
				// them again
				this.pending.putAll(this.delivery.localUsers());
			}
		}
		catch (RuntimeException ex) {
			log.warn("Presence heartbeat to Redis failed: {}", ex.toString());
		}
	}

	@Override
	public int sessions(long userId) {
		try {
			Long sessions = this.redis.execute(SESSIONS, List.of(this.nodes), this.nodePrefix, Long.toString(userId));
			return (sessions != null) ? sessions.intValue() : 0;
		}
		catch (RuntimeException ex) {
			log.warn("Reading presence from Redis failed; answering with this node's sessions: {}", ex.toString());
			return this.delivery.sessions(userId);
		}
	}

	@Override
	public Map<Long, Integer> online(long orgId) {
		try {
			List<?> entries = this.redis.execute(ONLINE, List.of(this.nodes), this.nodePrefix, Long.toString(orgId));
			Map<Long, Integer> online = new TreeMap<>();
			for (int i = 0; entries != null && i + 1 < entries.size(); i += 2) {
				online.put(Long.parseLong(entries.get(i).toString()), Integer.parseInt(entries.get(i + 1).toString()));
			}
			return online;
		}
		catch (RuntimeException ex) {
			log.warn("Reading presence from Redis failed; answering with this node's sessions: {}", ex.toString());
			return this.delivery.online(orgId);
		}
	}

	@Override
	public Map<Long, Long> onlineEverywhere() {
		try {
			List<?> entries = this.redis.execute(EVERYWHERE, List.of(this.nodes), this.nodePrefix);
			Map<Long, Long> online = new TreeMap<>();
			for (int i = 0; entries != null && i + 1 < entries.size(); i += 2) {
				online.put(Long.parseLong(entries.get(i).toString()), Long.parseLong(entries.get(i + 1).toString()));
			}
			return online;
		}
		catch (RuntimeException ex) {
			log.warn("Reading presence from Redis failed; answering with this node's sessions: {}", ex.toString());
			return this.delivery.onlineEverywhere();
		}
	}

}
