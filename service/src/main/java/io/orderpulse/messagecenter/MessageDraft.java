package io.orderpulse.messagecenter;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A message to send, before it has a recipient and an id.
 *
 * @param messageType the kind of message
 * @param title 1-200 characters
 * @param content 1-10000 characters
 * @param priority how urgent it is
 * @param category a free label such as {@code MAINTENANCE}
 * @param metadata links, attachments and custom data
 * @param expireTime when it leaves every inbox; none for never
 */
public record MessageDraft(MessageType messageType, String title, String content, Priority priority,
		@Nullable String category, @Nullable MessageMetadata metadata, @Nullable Instant expireTime) {

}
