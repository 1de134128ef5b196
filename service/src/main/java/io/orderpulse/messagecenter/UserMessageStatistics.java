package io.orderpulse.messagecenter;

import java.util.List;

/**
 * The caller's inbox in numbers: the messages it holds now (not expired, not deleted).
 *
 * @param total messages
 * @param unread unread ones
 * @param read read ones
 * @param readRate {@code read / total}
 * @param avgReadTime the caller's mean time from a message's sending to reading it, in
 * seconds
 * @param typeStats the same per message type
 */
public record UserMessageStatistics(long total, long unread, long read, double readRate, double avgReadTime,
		List<TypeStats> typeStats) {

	/**
	 * One message type.
	 *
	 * @param messageType the type
	 * @param count messages
	 * @param unread unread ones
	 * @param read read ones
	 */
	public record TypeStats(MessageType messageType, long count, long unread, long read) {
	}

}
