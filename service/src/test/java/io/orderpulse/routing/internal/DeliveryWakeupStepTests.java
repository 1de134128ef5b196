package io.orderpulse.routing.internal;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A wake-up hops through the longest delay step that does not pass its due time.
 */
class DeliveryWakeupStepTests {

	@Test
	void theLongestStepThatDoesNotPassTheDueTime() {
		assertThat(DeliveryWakeups.step(Duration.ofMillis(30))).isEqualTo(Duration.ofMillis(100));
		assertThat(DeliveryWakeups.step(Duration.ofMillis(999))).isEqualTo(Duration.ofMillis(100));
		assertThat(DeliveryWakeups.step(Duration.ofSeconds(2))).isEqualTo(Duration.ofSeconds(1));
		assertThat(DeliveryWakeups.step(Duration.ofSeconds(10))).isEqualTo(Duration.ofSeconds(10));
		assertThat(DeliveryWakeups.step(Duration.ofMinutes(59))).isEqualTo(Duration.ofMinutes(10));
		assertThat(DeliveryWakeups.step(Duration.ofHours(9))).isEqualTo(Duration.ofHours(1));
	}

	@Test
	void justUnderADayTakes61Hops() {
		Duration left = Duration.ofHours(23).plusMinutes(59).plusSeconds(59).plusMillis(950);
		int hops = 0;
		while (left.isPositive()) {
			left = left.minus(DeliveryWakeups.step(left));
			hops++;
		}
		assertThat(hops).isEqualTo(61);
	}

}
