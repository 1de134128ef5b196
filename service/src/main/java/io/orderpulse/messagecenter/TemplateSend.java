package io.orderpulse.messagecenter;

import java.time.Instant;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Whom to send a template's message to, with what variables, and the message fields that
 * are not in the template.
 *
 * @param receiverType USER, USER_GROUP, ORGANIZATION or BROADCAST
 * @param receiverId the user or group; for ORGANIZATION and BROADCAST the sender's
 * organization (or none)
 * @param allUsers for BROADCAST: to every user of every organization (platform
 * administrators only)
 * @param variables the values of the template's variables
 * @param metadata links, attachments and custom data of the message
 * @param expireTime when the message leaves every inbox
 * @param priority overrides the template's priority
 * @param category overrides the template's category
 */
public record TemplateSend(ReceiverType receiverType, @Nullable Long receiverId, boolean allUsers,
		Map<String, Object> variables, @Nullable MessageMetadata metadata, @Nullable Instant expireTime,
		@Nullable Priority priority, @Nullable String category) {

}
