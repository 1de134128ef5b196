package io.orderpulse.flashsale.internal;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.orderpulse.flashsale.AdmissionPort;
import io.orderpulse.flashsale.FlashSaleItem;
import io.orderpulse.platform.cluster.ClusterSettings;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The embedded default's admission: one small lock per item around the window check, the
 * duplicate check and the stock decrement. Each item's state (remaining stock, admitted
 * users) is loaded from the database's admission records when the item is first used and
 * for every open item at startup, so a restart keeps it. A volatile sold-out flag answers
 * attempts for a sold-out item without taking the lock. Cluster mode uses
 * {@link RedisAdmission} instead.
 */
@Component
@ConditionalOnProperty(name = ClusterSettings.ENABLED, havingValue = "false", matchIfMissing = true)
class InMemoryAdmission implements AdmissionPort {

	private final FlashSaleRepository repository;

	private final ConcurrentHashMap<Long, ItemState> items = new ConcurrentHashMap<>();

	InMemoryAdmission(FlashSaleRepository repository) {
		this.repository = repository;
	}

	@EventListener(ApplicationReadyEvent.class)
	void loadOpenItems() {
		for (long itemId : this.repository.findOpenIds(Instant.now())) {
			state(itemId);
		}
	}

	@Override
	public Admission admit(long itemId, long userId, Instant now) {
		ItemState item = state(itemId);
		if (item == null) {
			return new Admission(Outcome.UNKNOWN_ITEM, 0);
		}
		if (item.soldOut) {
			return new Admission(Outcome.SOLD_OUT, 0);
		}
		return item.admit(userId, now);
	}

	@Override
	public boolean release(long itemId, long userId) {
		ItemState item = state(itemId);
		return item != null && item.release(userId);
	}

	private @Nullable ItemState state(long itemId) {
		ItemState item = this.items.get(itemId);
		return (item != null) ? item : this.items.computeIfAbsent(itemId, this::load);
	}

	private @Nullable ItemState load(long itemId) {
		return this.repository.findItem(itemId)
			.map((item) -> new ItemState(item, this.repository.admittedUsers(itemId)))
			.orElse(null);
	}

	/**
	 * One item's admission state; every change under the item's monitor.
	 */
	static final class ItemState {

		private final Instant start;

		private final Instant end;

		/** The admitted users and when each admission was taken. */
		private final Map<Long, Instant> admitted = new HashMap<>();

		private int remaining;

		volatile boolean soldOut;

		ItemState(FlashSaleItem item, Map<Long, Instant> admittedUsers) {
			this.start = item.startTime();
			this.end = item.endTime();
			admittedUsers.forEach((userId, at) -> this.admitted.put(userId, at.truncatedTo(ChronoUnit.MILLIS)));
			this.remaining = item.remaining();
			this.soldOut = this.remaining == 0;
		}

		synchronized Admission admit(long userId, Instant now) {
			if (now.isBefore(this.start)) {
				return new Admission(Outcome.NOT_STARTED, this.remaining);
			}
			if (!now.isBefore(this.end)) {
				return new Admission(Outcome.ENDED, this.remaining);
			}
			if (this.admitted.containsKey(userId)) {
				return new Admission(Outcome.ALREADY_PURCHASED, this.remaining);
			}
			if (this.remaining == 0) {
				this.soldOut = true;
				return new Admission(Outcome.SOLD_OUT, 0);
			}
			this.remaining--;
			this.admitted.put(userId, now.truncatedTo(ChronoUnit.MILLIS));
			if (this.remaining == 0) {
				this.soldOut = true;
			}
			return new Admission(Outcome.ADMITTED, this.remaining);
		}

		synchronized boolean release(long userId) {
			if (this.admitted.remove(userId) == null) {
				return false;
			}
			this.remaining++;
			this.soldOut = false;
			return true;
		}

		synchronized boolean releaseIfTakenAt(long userId, Instant takenAt) {
			return takenAt.truncatedTo(ChronoUnit.MILLIS).equals(this.admitted.get(userId)) && release(userId);
		}

		synchronized Map<Long, Instant> takenBefore(Instant cutoff) {
			Map<Long, Instant> taken = new HashMap<>();
			this.admitted.forEach((userId, at) -> {
				if (at.isBefore(cutoff)) {
					taken.put(userId, at);
				}
			});
			return taken;
		}

		synchronized int remaining() {
			return this.remaining;
		}

	}

	@Override
	public int remaining(long itemId) {
		ItemState item = state(itemId);
		return (item != null) ? item.remaining() : 0;
	}

	@Override
	public Map<Long, Instant> takenBefore(long itemId, Instant cutoff) {
		ItemState item = state(itemId);
		return (item != null) ? item.takenBefore(cutoff) : Map.of();
	}

	@Override
	public boolean releaseIfTakenAt(long itemId, long userId, Instant takenAt) {
		ItemState item = state(itemId);
		return item != null && item.releaseIfTakenAt(userId, takenAt);
	}

}
