package io.orderpulse.messagecenter;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A message accepted for sending.
 *
 * @param messageId its id
 * @param receiverType whom it is for
 * @param receiverId the user, group or organization
 * @param recipientCount how many users receive it (for groups and organizations, their
 * members when it was sent)
 * @param createTime when it was stored
 */
public record Sent(long messageId, ReceiverType receiverType, @Nullable Long receiverId, long recipientCount,
		Instant createTime) {

}
