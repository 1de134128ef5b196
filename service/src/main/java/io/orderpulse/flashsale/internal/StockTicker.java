package io.orderpulse.flashsale.internal;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.orderpulse.flashsale.AdmissionPort;
import io.orderpulse.flashsale.FlashSaleItem;
import io.orderpulse.realtime.Destinations;
import io.orderpulse.realtime.UserEvents;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Pushes the remaining stock of flash-sale items to their organization on
 * {@code /topic/flash-sales}, at most every 200 ms per item.
 */
@Component
public class StockTicker implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(StockTicker.class);

	/** At most 5 remaining-stock pushes per second and item. */
	private static final long PUSH_INTERVAL = TimeUnit.MILLISECONDS.toNanos(200);

	private final UserEvents events;

	private final AdmissionPort admission;

	private final Map<Long, AtomicLong> lastPushes = new ConcurrentHashMap<>();

	/** Items with a trailing push scheduled. */
	private final Set<Long> trailing = ConcurrentHashMap.newKeySet();

	private final ScheduledExecutorService timer = Executors
		.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("flash-sale-pushes").daemon().factory());

	StockTicker(UserEvents events, AdmissionPort admission) {
		this.events = events;
		this.admission = admission;
	}

	/**
	 * Pushes the stock an item has after a unit came back. A failure is only logged: the
	 * unit is back already, and the next change pushes the count again.
	 */
	void pushRemaining(FlashSaleItem item) {
		try {
			pushRemaining(item, this.admission.remaining(item.itemId()));
		}
		catch (RuntimeException ex) {
			log.warn("Pushing the remaining stock of item {} failed: {}", item.itemId(), ex.toString());
		}
	}

	/**
	 * Pushes an item's remaining stock to the organization, at most every 200 ms per item
	 * (the last unit always; a change in between is pushed at the interval's end).
	 */
	public void pushRemaining(FlashSaleItem item, int remaining) {
		long now = System.nanoTime();
		AtomicLong last = this.lastPushes.computeIfAbsent(item.itemId(), (id) -> new AtomicLong(now - PUSH_INTERVAL));
		long previous = last.get();
		boolean due = now - previous >= PUSH_INTERVAL && last.compareAndSet(previous, now);
		if (due || remaining == 0) {
			this.events.broadcast(item.orgId(), Destinations.FLASH_SALES, new RemainingStock(item.itemId(), remaining));
		}
		else if (this.trailing.add(item.itemId())) {
			// a change left out is pushed at the interval's end with the count then, so
			// pages never keep a stale count (for example after a unit came back)
			this.timer.schedule(() -> {
				this.trailing.remove(item.itemId());
				last.set(System.nanoTime());
				this.events.broadcast(item.orgId(), Destinations.FLASH_SALES,
						new RemainingStock(item.itemId(), this.admission.remaining(item.itemId())));
			}, PUSH_INTERVAL, TimeUnit.NANOSECONDS);
		}
	}

	@Override
	public void destroy() {
		this.timer.shutdownNow();
	}

	/**
	 * The push on {@code /topic/flash-sales}.
	 */
	public record RemainingStock(long itemId, int remaining) {
	}

}
