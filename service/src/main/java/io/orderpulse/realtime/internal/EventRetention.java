package io.orderpulse.realtime.internal;

import java.time.Instant;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Removes per-user events older than the retention period. A resume from a position whose
 * successors were removed is answered with {@code x-recovered: false}.
 */
@Component
class EventRetention {

	private static final Logger log = LoggerFactory.getLogger(EventRetention.class);

	private final EventStore store;

	private final RealtimeSettings settings;

	EventRetention(EventStore store, RealtimeSettings settings) {
		this.store = store;
		this.settings = settings;
	}

	@Scheduled(fixedDelayString = "${orderpulse.realtime.retention-check:PT1H}", initialDelayString = "PT1M")
	@SchedulerLock(name = "realtime.purgeEvents", lockAtMostFor = "PT30M")
	void purge() {
		int removed = this.store.purgeBefore(Instant.now().minus(this.settings.retention()));
		if (removed > 0) {
			log.info("Removed {} events older than {}", removed, this.settings.retention());
		}
	}

}
