package io.orderpulse.routing.channel;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * One message on its way to one recipient through an external channel.
 *
 * @param messageId the message center's message id
 * @param orgId the organization the message belongs to (its webhook, its settings)
 * @param recipient who receives it
 * @param title the (rendered) title: the email subject
 * @param content the (rendered) content: the email text
 * @param type the message type ({@code SYSTEM}, {@code ORDER}, ...)
 * @param priority the priority ({@code LOW} ... {@code URGENT})
 * @param category the category, if any
 * @param createdTime when the message was sent
 */
public record OutboundMessage(long messageId, long orgId, Recipient recipient, String title, String content,
		String type, String priority, @Nullable String category, Instant createdTime) {

	/**
	 * The recipient with the contact details the channels need.
	 *
	 * @param userId the user's id
	 * @param username the login name
	 * @param displayName the name shown to people
	 * @param email the user's email address, if they gave one
	 * @param phone the user's phone number (E.164), if they gave one
	 */
	public record Recipient(long userId, String username, String displayName, @Nullable String email,
			@Nullable String phone) {

	}

}
