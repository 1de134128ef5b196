package io.orderpulse.platform.events;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.Async;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * A test listener registered like the modules' own (asynchronous, after commit, recorded
 * in the event publication registry) that fails as many times as its event asks before it
 * succeeds. Part of the shared test context ({@link io.orderpulse.IntegrationTest}).
 */
public class FlakyListener {

	private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();

	private final Map<String, String> threads = new ConcurrentHashMap<>();

	/**
	 * How often an event was handled so far (the bean is a proxy: ask, do not read
	 * fields).
	 */
	public int attempts(String id) {
		AtomicInteger attempts = this.attempts.get(id);
		return (attempts != null) ? attempts.get() : 0;
	}

	/** The worker thread that handled an event last. */
	public String thread(String id) {
		return this.threads.get(id);
	}

	@Async
	@TransactionalEventListener
	void on(FlakyEvent event) {
		int attempt = this.attempts.computeIfAbsent(event.id(), (id) -> new AtomicInteger()).incrementAndGet();
		this.threads.put(event.id(), Thread.currentThread().getName());
		if (attempt <= event.failures()) {
			// fail only after the resubmission that started this attempt has
			// returned, as a slow listener does: its FAILED mark then depends on the
			// staleness check
			LockSupport.parkNanos(Duration.ofMillis(300).toNanos());
			throw new IllegalStateException("Failing attempt " + attempt + " of " + event.id() + " on purpose");
		}
	}

	/**
	 * @param id unique per test
	 * @param failures how many attempts fail before one succeeds
	 */
	public record FlakyEvent(String id, int failures) {
	}

	@TestConfiguration(proxyBeanMethods = false)
	public static class Configuration {

		@Bean
		FlakyListener flakyListener() {
			return new FlakyListener();
		}

	}

}
