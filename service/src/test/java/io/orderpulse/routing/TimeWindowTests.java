package io.orderpulse.routing;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Map;

import io.orderpulse.messagecenter.Priority;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Quiet-hour and rule windows in local time, across midnight and daylight-saving changes,
 * and the preference switches.
 */
class TimeWindowTests {

	private static final TimeWindow NIGHT = new TimeWindow(LocalTime.of(22, 0), LocalTime.of(8, 0),
			ZoneId.of("Asia/Shanghai"));

	@Test
	void aWindowAcrossMidnightHoldsUntilTheNextMorning() {
		// 23:30 Shanghai (UTC+8) on the 26th: held until 08:00 on the 27th
		Instant lateEvening = Instant.parse("2026-01-26T15:30:00Z");
		assertThat(NIGHT.contains(lateEvening)).isTrue();
		assertThat(NIGHT.endOf(lateEvening)).isEqualTo(Instant.parse("2026-01-27T00:00:00Z"));
		// 03:00 on the 27th: held until 08:00 the same day
		Instant earlyMorning = Instant.parse("2026-01-26T19:00:00Z");
		assertThat(NIGHT.endOf(earlyMorning)).isEqualTo(Instant.parse("2026-01-27T00:00:00Z"));
		// the start is inside, the end is not
		assertThat(NIGHT.contains(Instant.parse("2026-01-26T14:00:00Z"))).isTrue();
		assertThat(NIGHT.contains(Instant.parse("2026-01-27T00:00:00Z"))).isFalse();
		// noon is outside: not held
		Instant noon = Instant.parse("2026-01-27T04:00:00Z");
		assertThat(NIGHT.contains(noon)).isFalse();
		assertThat(NIGHT.endOf(noon)).isEqualTo(noon);
	}

	@Test
	void aWindowWithinADayEndsTheSameDay() {
		TimeWindow lunch = new TimeWindow(LocalTime.of(12, 0), LocalTime.of(13, 30), ZoneId.of("UTC"));
		assertThat(lunch.endOf(Instant.parse("2026-03-01T12:10:00Z"))).isEqualTo(Instant.parse("2026-03-01T13:30:00Z"));
		assertThat(lunch.contains(Instant.parse("2026-03-01T11:59:59Z"))).isFalse();
		assertThat(lunch.contains(Instant.parse("2026-03-01T23:00:00Z"))).isFalse();
	}

	@Test
	void theLocalEndFollowsADaylightSavingChange() {
		TimeWindow berlin = new TimeWindow(LocalTime.of(22, 0), LocalTime.of(7, 0), ZoneId.of("Europe/Berlin"));
		// the night of 28-29 March 2026 the clocks go forward: 07:00 is 05:00 UTC,
		// not 06:00
		Instant midnight = Instant.parse("2026-03-28T23:00:00Z");
		assertThat(berlin.endOf(midnight)).isEqualTo(Instant.parse("2026-03-29T05:00:00Z"));
	}

	@Test
	void startAndEndMustDiffer() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new TimeWindow(LocalTime.NOON, LocalTime.NOON, ZoneId.of("UTC")));
	}

	@Test
	void categorySwitchesOverrideChannelDefaultsAndUrgentKeepsWebSocket() {
		NotificationPreferences preferences = new NotificationPreferences(
				Map.of(Channel.EMAIL, false, Channel.WEBSOCKET, false), Map.of("BILLING", Map.of(Channel.EMAIL, true)));
		assertThat(preferences.allows(Channel.EMAIL, "general", Priority.NORMAL)).isFalse();
		assertThat(preferences.allows(Channel.EMAIL, "billing", Priority.NORMAL)).isTrue();
		assertThat(preferences.allows(Channel.SMS, "billing", Priority.NORMAL)).isTrue();
		assertThat(preferences.allows(Channel.WEBSOCKET, null, Priority.HIGH)).isFalse();
		assertThat(preferences.allows(Channel.WEBSOCKET, null, Priority.URGENT)).isTrue();
	}

	@Test
	void theBackoffDoublesAfterEachFailure() {
		RetryPolicy policy = new RetryPolicy(5, java.time.Duration.ofSeconds(30));
		assertThat(policy.waitAfter(1)).hasSeconds(30);
		assertThat(policy.waitAfter(2)).hasSeconds(60);
		assertThat(policy.waitAfter(4)).hasSeconds(240);
	}

}
