package io.orderpulse.messagecenter.internal;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import java.time.Instant;

import io.orderpulse.messagecenter.Inbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Deletes expired messages. They leave inboxes and counts the moment they expire (every
 * query filters them); this only reclaims their rows.
 */
@Component
class MessageJobs {

	private static final Logger log = LoggerFactory.getLogger(MessageJobs.class);

	private final Inbox inbox;

	MessageJobs(Inbox inbox) {
		this.inbox = inbox;
	}

	@Scheduled(fixedDelayString = "${orderpulse.messagecenter.purge-interval:PT10M}", initialDelayString = "PT1M")
	@SchedulerLock(name = "messagecenter.purgeExpired", lockAtMostFor = "PT30M")
	void purgeExpired() {
		int purged = this.inbox.purgeExpired(Instant.now());
		if (purged > 0) {
			log.info("Purged {} expired messages", purged);
		}
	}

}
