package io.orderpulse.identity.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.web.ErrorResponseException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The bound on concurrent password hashing: many logins at once never run more hashes
 * than the bound, and one that waits too long is answered 503 with Retry-After.
 */
class BoundedPasswordEncoderTests {

	@Test
	void manyConcurrentHashesNeverRunMoreThanTheBoundAtOnce() throws Exception {
		SlowEncoder slow = new SlowEncoder(Duration.ofMillis(20), null);
		PasswordEncoder bounded = new BoundedPasswordEncoder(slow, 3, Duration.ofSeconds(30));
		try (ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
			List<Future<?>> calls = new ArrayList<>();
			for (int i = 0; i < 60; i++) {
				int n = i;
				calls.add(callers.submit(
						() -> (n % 2 == 0) ? bounded.encode("secret-" + n) : bounded.matches("secret-" + n, "hash")));
			}
			for (Future<?> call : calls) {
				call.get(30, TimeUnit.SECONDS);
			}
		}
		assertThat(slow.calls.get()).isEqualTo(60);
		assertThat(slow.maxRunning.get()).as("hashes running at once").isEqualTo(3);
	}

	@Test
	void aHashThatWaitsLongerThanTheBoundIsRefusedAs503WithRetryAfter() throws Exception {
		CountDownLatch release = new CountDownLatch(1);
		SlowEncoder blocked = new SlowEncoder(Duration.ZERO, release);
		PasswordEncoder bounded = new BoundedPasswordEncoder(blocked, 1, Duration.ofMillis(200));
		try (ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
			Future<Boolean> holding = callers.submit(() -> bounded.matches("first", "hash"));
			while (blocked.running.get() == 0) {
				Thread.sleep(5);
			}
			long started = System.nanoTime();
			assertThatExceptionOfType(ErrorResponseException.class).isThrownBy(() -> bounded.matches("second", "hash"))
				.satisfies((ex) -> {
					assertThat(ex.getStatusCode().value()).isEqualTo(503);
					assertThat(String.valueOf(ex.getBody().getType())).endsWith(":service-unavailable");
					assertThat(ex.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("1");
				});
			assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(150));
			release.countDown();
			assertThat(holding.get(5, TimeUnit.SECONDS)).isTrue();
		}
		assertThat(bounded.matches("third", "hash")).as("the permit was given back").isTrue();
		assertThat(blocked.calls.get()).isEqualTo(2);
	}

	@Test
	void aFailingHashGivesItsPermitBack() {
		PasswordEncoder failing = new SlowEncoder(Duration.ZERO, null) {
			@Override
			public boolean matches(@Nullable CharSequence raw, @Nullable String encoded) {
				throw new IllegalArgumentException("not a hash");
			}
		};
		PasswordEncoder bounded = new BoundedPasswordEncoder(failing, 1, Duration.ofMillis(100));
		for (int i = 0; i < 3; i++) {
			assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> bounded.matches("x", "y"));
		}
		assertThat(bounded.encode("z")).isEqualTo("hash");
	}

	private static class SlowEncoder implements PasswordEncoder {

		final AtomicInteger running = new AtomicInteger();

		final AtomicInteger maxRunning = new AtomicInteger();

		final AtomicInteger calls = new AtomicInteger();

		private final Duration work;

		private final @Nullable CountDownLatch release;

		SlowEncoder(Duration work, @Nullable CountDownLatch release) {
			this.work = work;
			this.release = release;
		}

		@Override
		public String encode(@Nullable CharSequence raw) {
			hash();
			return "hash";
		}

		@Override
		public boolean matches(@Nullable CharSequence raw, @Nullable String encoded) {
			hash();
			return true;
		}

		private void hash() {
			this.calls.incrementAndGet();
			this.maxRunning.accumulateAndGet(this.running.incrementAndGet(), Math::max);
			try {
				if (this.release != null) {
					this.release.await(10, TimeUnit.SECONDS);
				}
				Thread.sleep(this.work);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			finally {
				this.running.decrementAndGet();
			}
		}

	}

}
