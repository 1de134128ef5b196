package io.orderpulse.routing;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * A daily local time window in a time zone, such as 22:00-08:00 Asia/Shanghai. When
 * {@code start} is after {@code end} the window spans midnight. {@code start} is in the
 * window, {@code end} is not.
 *
 * @param start when it begins each day (local time)
 * @param end when it ends (local time); never equal to {@code start}
 * @param zone the IANA time zone the times are in
 */
public record TimeWindow(LocalTime start, LocalTime end, ZoneId zone) {

	public TimeWindow {
		if (start.equals(end)) {
			throw new IllegalArgumentException("start and end must differ");
		}
	}

	/**
	 * Whether the instant falls in the window.
	 */
	public boolean contains(Instant instant) {
		LocalTime time = instant.atZone(this.zone).toLocalTime();
		return spansMidnight() ? (!time.isBefore(this.start) || time.isBefore(this.end))
				: (!time.isBefore(this.start) && time.isBefore(this.end));
	}

	/**
	 * The end of the window that contains the instant (the first instant after it that is
	 * no longer in the window); the instant itself if it is outside the window. Across a
	 * daylight-saving gap the local end time moves as {@link ZonedDateTime} resolves it.
	 */
	public Instant endOf(Instant instant) {
		if (!contains(instant)) {
			return instant;
		}
		ZonedDateTime local = instant.atZone(this.zone);
		ZonedDateTime end = local.toLocalDate().atTime(this.end).atZone(this.zone);
		if (!end.isAfter(local)) {
			end = local.toLocalDate().plusDays(1).atTime(this.end).atZone(this.zone);
		}
		return end.toInstant();
	}

	private boolean spansMidnight() {
		return this.start.isAfter(this.end);
	}

	@Override
	public String toString() {
		return this.start + "-" + this.end + " " + this.zone;
	}

}
