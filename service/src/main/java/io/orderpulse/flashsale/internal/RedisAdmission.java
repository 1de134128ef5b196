package io.orderpulse.flashsale.internal;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.orderpulse.flashsale.AdmissionPort;
import io.orderpulse.flashsale.FlashSaleItem;
import io.orderpulse.platform.cluster.ClusterNode;
import io.orderpulse.platform.cluster.ClusterSettings;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.data.redis.connection.Message;
import org.springframework.data.redis.connection.MessageListener;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Cluster mode's admission: the same semantics as {@link InMemoryAdmission}, shared by
 * every node through Redis. Each item is a hash {@code <prefix>flash:<itemId>} (window
 * start and end, remaining units) and a hash {@code ...:admitted} of admitted users (the
 * value: when the admission was taken, epoch ms, for the reconciliation); one Lua script
 * checks the window, then the user's mark, then the stock, and takes a unit, so a
 * repeated attempt never consumes stock and no two nodes can sell the same unit. The keys
 * are initialised from the database's admission records (the durable truth) the first
 * time any node uses the item, by a script that writes only if they do not exist; they
 * expire a day after the sale ends.
 * <p>
 * Once an item is sold out each node remembers it in a local flag and answers further
 * attempts without asking Redis. When stock returns, the releasing node clears its flag
 * and publishes the item on {@code <prefix>flash:stock-returned}, which clears it on
 * every node; a flag is also re-checked against Redis every 2 seconds, so a lost pub/sub
 * message cannot keep an item sold out for good.
 */
@Component
@ConditionalOnProperty(name = ClusterSettings.ENABLED, havingValue = "true")
class RedisAdmission implements AdmissionPort, MessageListener {

	private static final Logger log = LoggerFactory.getLogger(RedisAdmission.class);

	private static final long RECHECK_SOLD_OUT = Duration.ofSeconds(2).toNanos();

	/** Result codes of the admit script, by {@link Outcome} position. */
	private static final Outcome[] OUTCOMES = { Outcome.ADMITTED, Outcome.ALREADY_PURCHASED, Outcome.SOLD_OUT,
			Outcome.NOT_STARTED, Outcome.ENDED };

	private static final long NOT_LOADED = -1;

	/**
	 * KEYS: item, admitted; ARGV: user, now (epoch ms). Returns {code, remaining}; code
	 * -1 if the item is not initialised.
	 */
	private static final RedisScript<List> ADMIT = RedisScript.of("""
			if redis.call('EXISTS', KEYS[1]) == 0 then return {-1, 0} end
			local item = redis.call('HMGET', KEYS[1], 'start', 'end', 'remaining')
			local now = tonumber(ARGV[2])
			local remaining = tonumber(item[3])
			if now < tonumber(item[1]) then return {3, remaining} end
			if now >= tonumber(item[2]) then return {4, remaining} end
			if redis.call('HEXISTS', KEYS[2], ARGV[1]) == 1 then return {1, remaining} end
			if remaining <= 0 then return {2, 0} end
			redis.call('HINCRBY', KEYS[1], 'remaining', -1)
			redis.call('HSET', KEYS[2], ARGV[1], ARGV[2])
			if redis.call('PTTL', KEYS[2]) == -1 then
			  redis.call('PEXPIREAT', KEYS[2], redis.call('PEXPIRETIME', KEYS[1]))
			end
			return {0, remaining - 1}
			""", List.class);

	/**
	 * KEYS: item, admitted; ARGV: user. Returns 1 if released, 0 if the user held no
	 * admission, -1 if the item is not initialised.
	 */
	private static final RedisScript<Long> RELEASE = RedisScript.of("""
			if redis.call('EXISTS', KEYS[1]) == 0 then return -1 end
			if redis.call('HDEL', KEYS[2], ARGV[1]) == 0 then return 0 end
			redis.call('HINCRBY', KEYS[1], 'remaining', 1)
			return 1
			""", Long.class);

	/**
	 * KEYS: item, admitted; ARGV: user, taken at (epoch ms). Returns 1 if the user's
	 * admission taken at that time was released, 0 otherwise.
	 */
	private static final RedisScript<Long> RELEASE_IF_TAKEN_AT = RedisScript.of("""
			if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
			if redis.call('HGET', KEYS[2], ARGV[1]) ~= ARGV[2] then return 0 end
			redis.call('HDEL', KEYS[2], ARGV[1])
			redis.call('HINCRBY', KEYS[1], 'remaining', 1)
			return 1
			""", Long.class);

	/**
	 * KEYS: item, admitted; ARGV: start, end, remaining, expire at (epoch ms), then pairs
	 * of admitted user and taken at. Writes nothing if the item exists already (another
	 * node was first).
	 */
	private static final RedisScript<Long> INIT = RedisScript.of("""
			if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
			redis.call('HSET', KEYS[1], 'start', ARGV[1], 'end', ARGV[2], 'remaining', ARGV[3])
			redis.call('PEXPIREAT', KEYS[1], ARGV[4])
			for i = 5, #ARGV, 2 do
			  redis.call('HSET', KEYS[2], ARGV[i], ARGV[i + 1])
			end
			if #ARGV >= 5 then redis.call('PEXPIREAT', KEYS[2], ARGV[4]) end
			return 1
			""", Long.class);

	private final FlashSaleRepository repository;

	private final StringRedisTemplate redis;

	private final ClusterNode node;

	private final TransactionTemplate snapshot;

	private final String stockReturned;

	/** Sold-out items and when the flag was set (System.nanoTime). */
	private final ConcurrentHashMap<Long, Long> soldOut = new ConcurrentHashMap<>();

	/**
	 * How often each item's flag was cleared; a flag is only set if no clear happened
	 * since the answer it is set from was asked for.
	 */
	private final ConcurrentHashMap<Long, AtomicLong> clears = new ConcurrentHashMap<>();

	RedisAdmission(FlashSaleRepository repository, StringRedisTemplate redis, ClusterNode node,
			RedisMessageListenerContainer listeners, PlatformTransactionManager transactions) {
		this.repository = repository;
		this.redis = redis;
		this.node = node;
		this.snapshot = new TransactionTemplate(transactions);
		this.snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
		this.snapshot.setReadOnly(true);
		this.stockReturned = node.key("flash", "stock-returned");
		listeners.addMessageListener(this, new ChannelTopic(this.stockReturned));
	}

	@Override
	public Admission admit(long itemId, long userId, Instant now) {
		Long flagged = this.soldOut.get(itemId);
		if (flagged != null && System.nanoTime() - flagged < RECHECK_SOLD_OUT) {
			return new Admission(Outcome.SOLD_OUT, 0);
		}
		long clearsBefore = clearsOf(itemId).get();
		List<?> result = admitInRedis(itemId, userId, now);
		if (result == null) {
			return new Admission(Outcome.UNKNOWN_ITEM, 0);
		}
		Outcome outcome = OUTCOMES[((Number) result.get(0)).intValue()];
		int remaining = ((Number) result.get(1)).intValue();
		if (outcome == Outcome.SOLD_OUT || (outcome == Outcome.ADMITTED && remaining == 0)) {
			flagSoldOut(itemId, clearsBefore);
		}
		else if (flagged != null && remaining > 0) {
			clearSoldOut(itemId);
		}
		return new Admission(outcome, remaining);
	}

	private @Nullable List<?> admitInRedis(long itemId, long userId, Instant now) {
		List<String> keys = keys(itemId);
		String user = Long.toString(userId);
		String at = Long.toString(now.toEpochMilli());
		List<?> result = this.redis.execute(ADMIT, keys, user, at);
		if (((Number) result.get(0)).longValue() == NOT_LOADED) {
			if (!load(itemId)) {
				return null;
			}
			result = this.redis.execute(ADMIT, keys, user, at);
		}
		return result;
	}

	@Override
	public boolean release(long itemId, long userId) {
		List<String> keys = keys(itemId);
		Long released = this.redis.execute(RELEASE, keys, Long.toString(userId));
		if (released != null && released == NOT_LOADED) {
			if (!load(itemId)) {
				return false;
			}
			released = this.redis.execute(RELEASE, keys, Long.toString(userId));
		}
		if (released == null || released != 1) {
			return false;
		}
		stockReturned(itemId);
		return true;
	}

	@Override
	public boolean releaseIfTakenAt(long itemId, long userId, Instant takenAt) {
		Long released = this.redis.execute(RELEASE_IF_TAKEN_AT, keys(itemId), Long.toString(userId),
				Long.toString(takenAt.toEpochMilli()));
		if (released == null || released != 1) {
			return false;
		}
		stockReturned(itemId);
		return true;
	}

	@Override
	public Map<Long, Instant> takenBefore(long itemId, Instant cutoff) {
		Map<Long, Instant> taken = new HashMap<>();
		this.redis.<String, String>opsForHash().entries(keys(itemId).get(1)).forEach((user, at) -> {
			Instant takenAt = Instant.ofEpochMilli(Long.parseLong(at));
			if (takenAt.isBefore(cutoff)) {
				taken.put(Long.parseLong(user), takenAt);
			}
		});
		return taken;
	}

	private void stockReturned(long itemId) {
		clearSoldOut(itemId);
		try {
			this.redis.convertAndSend(this.stockReturned, Long.toString(itemId));
		}
		catch (RuntimeException ex) {
			log.warn("Telling the other nodes that item {} has stock again failed; their flags expire in 2 s: {}",
					itemId, ex.toString());
		}
	}

	@Override
	public int remaining(long itemId) {
		Object remaining = this.redis.opsForHash().get(keys(itemId).get(0), "remaining");
		if (remaining == null) {
			if (!load(itemId)) {
				return 0;
			}
			remaining = this.redis.opsForHash().get(keys(itemId).get(0), "remaining");
		}
		return (remaining != null) ? Integer.parseInt(remaining.toString()) : 0;
	}

	/**
	 * Another node released a unit of an item: its sold-out flag goes here too.
	 */
	@Override
	public void onMessage(Message message, byte @Nullable [] pattern) {
		try {
			clearSoldOut(Long.parseLong(new String(message.getBody(), StandardCharsets.UTF_8)));
		}
		catch (NumberFormatException ex) {
			log.warn("Ignoring a malformed stock-returned message");
		}
	}

	/**
	 * Whether this node holds the item's sold-out flag (for tests and diagnostics).
	 */
	boolean flaggedSoldOut(long itemId) {
		return this.soldOut.containsKey(itemId);
	}

	private AtomicLong clearsOf(long itemId) {
		return this.clears.computeIfAbsent(itemId, (id) -> new AtomicLong());
	}

	private void flagSoldOut(long itemId, long clearsBefore) {
		AtomicLong clearCount = clearsOf(itemId);
		synchronized (clearCount) {
			if (clearCount.get() == clearsBefore) {
				this.soldOut.put(itemId, System.nanoTime());
			}
		}
	}

	private void clearSoldOut(long itemId) {
		AtomicLong clearCount = clearsOf(itemId);
		synchronized (clearCount) {
			clearCount.incrementAndGet();
			this.soldOut.remove(itemId);
		}
	}

	/**
	 * Initialises the item's keys from the database (unless another node did first).
	 * @return false if there is no such item
	 */
	private boolean load(long itemId) {
		Snapshot snapshot = this.snapshot.execute((status) -> this.repository.findItem(itemId)
			.map((item) -> new Snapshot(item, this.repository.admittedUsers(itemId)))
			.orElse(null));
		if (snapshot == null) {
			return false;
		}
		FlashSaleItem item = snapshot.item();
		List<String> args = new ArrayList<>();
		args.add(Long.toString(item.startTime().toEpochMilli()));
		args.add(Long.toString(item.endTime().toEpochMilli()));
		args.add(Integer.toString(item.remaining()));
		args.add(Long.toString(item.endTime().plus(Duration.ofDays(1)).toEpochMilli()));
		snapshot.admitted().forEach((userId, takenAt) -> {
			args.add(Long.toString(userId));
			args.add(Long.toString(takenAt.toEpochMilli()));
		});
		this.redis.execute(INIT, keys(itemId), args.toArray());
		return true;
	}

	private List<String> keys(long itemId) {
		String item = this.node.key("flash", itemId);
		return List.of(item, item + ":admitted");
	}

	private record Snapshot(FlashSaleItem item, Map<Long, Instant> admitted) {
	}

}
