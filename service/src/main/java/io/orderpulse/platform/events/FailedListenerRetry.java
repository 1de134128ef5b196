package io.orderpulse.platform.events;

import java.time.Duration;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.modulith.events.FailedEventPublications;
import org.springframework.modulith.events.ResubmissionOptions;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Runs an asynchronous event listener again after it failed, for example because the
 * database did not hand out a connection in time: every
 * {@code orderpulse.outbox.retry-interval} (30 s), on one node at a time, the
 * publications Spring Modulith's registry marked FAILED are submitted again. Without it a
 * failed listener waited for the next start. Every listener is idempotent, and one that
 * keeps failing for a lasting reason is retried each time (each module's own
 * reconciliation decides when to give up, as the flash sale's releases an admission whose
 * order never came).
 */
@Component
class FailedListenerRetry {

	private final FailedEventPublications failed;

	private final Duration retryAfter;

	FailedListenerRetry(FailedEventPublications failed,
			@Value("${orderpulse.outbox.retry-after:PT10S}") Duration retryAfter) {
		this.failed = failed;
		this.retryAfter = retryAfter;
	}

	@Scheduled(fixedDelayString = "${orderpulse.outbox.retry-interval:PT30S}", initialDelayString = "PT30S")
	@SchedulerLock(name = "outbox.retryFailed", lockAtMostFor = "PT5M")
	void retryFailed() {
		this.failed.resubmit(ResubmissionOptions.defaults().withMinAge(this.retryAfter));
	}

}
