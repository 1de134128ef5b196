package io.orderpulse.platform.events;

import java.time.Duration;
import java.util.UUID;

import io.orderpulse.IntegrationTest;
import io.orderpulse.platform.events.FlakyListener.FlakyEvent;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A listener that failed runs again through {@link FailedListenerRetry} (not only at the
 * next start), until it succeeds; asynchronous listeners run on the bounded pool of
 * {@link AsyncListenerConfiguration}.
 */
@IntegrationTest
class FailedListenerRetryTests {

	@Autowired
	FlakyListener listener;

	@Autowired
	FailedListenerRetry retry;

	@Autowired
	ApplicationEventPublisher publisher;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	JdbcClient jdbc;

	@Test
	void aFailedListenerIsRetriedUntilItSucceeds() {
		String id = UUID.randomUUID().toString();
		this.transactions.executeWithoutResult((status) -> this.publisher.publishEvent(new FlakyEvent(id, 2)));

		await().atMost(Duration.ofSeconds(10)).until(() -> "FAILED".equals(status(id)));
		assertThat(this.listener.attempts(id)).isEqualTo(1);
		assertThat(this.listener.thread(id)).startsWith("async-");

		// the test context sets retry-after to 0 and the interval to an hour: this is the
		// job's run
		this.retry.retryFailed();
		await().atMost(Duration.ofSeconds(10)).until(() -> this.listener.attempts(id) == 2);
		// failed again: FAILED at once, or, where Spring Modulith lost the late
		// failure of the resubmitted run, through its staleness check (RESUBMITTED
		// after 1 s, PROCESSING after 5 s in tests; 2 and 5 min by default)
		await().atMost(Duration.ofSeconds(20)).until(() -> "FAILED".equals(status(id)));

		this.retry.retryFailed();
		await().atMost(Duration.ofSeconds(10)).until(() -> "COMPLETED".equals(status(id)));
		assertThat(this.listener.attempts(id)).isEqualTo(3);

		this.retry.retryFailed();
		await().during(Duration.ofMillis(500))
			.atMost(Duration.ofSeconds(2))
			.until(() -> this.listener.attempts(id) == 3);
	}

	private String status(String id) {
		return this.jdbc.sql("""
				select status from event_publication
				where listener_id like '%FlakyListener%' and serialized_event like ?
				""").param("%" + id + "%").query(String.class).optional().orElse(null);
	}

}
