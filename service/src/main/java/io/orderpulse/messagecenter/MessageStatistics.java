package io.orderpulse.messagecenter;

import java.time.LocalDate;
import java.util.List;

/**
 * What an organization's messages of a period did (seed 003, section 6.1.3). Counts other
 * than {@code messages} are of recipients: a message to a group of 10 adds 1 to
 * {@code messages} and 10 to {@code total}.
 *
 * @param startDate the first day (UTC)
 * @param endDate the last day (UTC), inclusive
 * @param groupBy the unit of {@code dailyStats}: day, week or month
 * @param messages how many messages were sent
 * @param total how many recipients they were addressed to (each message's audience when
 * it was sent: 1, the group's members or the organization's users)
 * @param delivered how many recipients are known to have received them: their
 * {@code deliveredTime} or {@code readTime} is set (nothing is stored per recipient of a
 * broadcast until the recipient acts, so this is at most {@code total})
 * @param read how many recipients read them
 * @param readRate {@code read / delivered}, as in the seed
 * @param avgReadTime the mean time from sending to reading, in seconds
 * @param dailyStats the same per day (or week or month), every period of the range
 * @param typeStats the same per message type
 * @param channelStats the channel deliveries (WebSocket push, email, webhook, SMS) of
 * these messages per channel, from the delivery records of message routing: only
 * individually routed recipients have records (not organization-wide broadcasts)
 */
public record MessageStatistics(LocalDate startDate, LocalDate endDate, String groupBy, long messages, long total,
		long delivered, long read, double readRate, double avgReadTime, List<PeriodStats> dailyStats,
		List<TypeStats> typeStats, List<ChannelStats> channelStats) {

	/**
	 * One delivery channel.
	 *
	 * @param channel the channel's name ({@code WEBSOCKET}, {@code EMAIL}, ...)
	 * @param deliveries delivery records (one per message, recipient and channel)
	 * @param sent how many of them succeeded
	 * @param failed how many failed for good (after their retries)
	 * @param pending how many wait (quiet hours, a delay, a retry)
	 * @param successRate {@code sent / (sent + failed)}, 0 when none finished
	 */
	public record ChannelStats(String channel, long deliveries, long sent, long failed, long pending,
			double successRate) {
	}

	/**
	 * One period.
	 *
	 * @param date its first day
	 * @param messages messages sent
	 * @param total recipients addressed
	 * @param delivered recipients known to have received them
	 * @param read recipients who read
	 * @param readRate {@code read / delivered}
	 */
	public record PeriodStats(LocalDate date, long messages, long total, long delivered, long read, double readRate) {
	}

	/**
	 * One message type.
	 *
	 * @param messageType the type
	 * @param count messages sent
	 * @param total recipients addressed
	 * @param delivered recipients known to have received them
	 * @param read recipients who read
	 * @param readRate {@code read / delivered}
	 */
	public record TypeStats(MessageType messageType, long count, long total, long delivered, long read,
			double readRate) {
	}

}
