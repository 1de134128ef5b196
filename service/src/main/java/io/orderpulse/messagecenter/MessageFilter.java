package io.orderpulse.messagecenter;

import java.time.LocalDate;

import org.jspecify.annotations.Nullable;

/**
 * Which of the caller's messages to list; every criterion is optional.
 *
 * @param status UNREAD or READ
 * @param messageType the kind
 * @param priority the priority
 * @param category the exact category
 * @param startDate sent on or after this day (UTC)
 * @param endDate sent on or before this day (UTC)
 * @param archived the archived messages only, or (false, the default) the others
 */
public record MessageFilter(@Nullable RecipientStatus status, @Nullable MessageType messageType,
		@Nullable Priority priority, @Nullable String category, @Nullable LocalDate startDate,
		@Nullable LocalDate endDate, boolean archived) {

	/**
	 * A filter of the messages that are not archived.
	 */
	public MessageFilter(@Nullable RecipientStatus status, @Nullable MessageType messageType,
			@Nullable Priority priority, @Nullable String category, @Nullable LocalDate startDate,
			@Nullable LocalDate endDate) {
		this(status, messageType, priority, category, startDate, endDate, false);
	}

	public static MessageFilter none() {
		return new MessageFilter(null, null, null, null, null, null);
	}

}
