package io.orderpulse.routing;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * One channel delivery of a message to one recipient.
 *
 * @param id its id
 * @param messageId the message
 * @param userId the recipient
 * @param channel the channel
 * @param status where it stands
 * @param heldBy why it waited before its first attempt: {@code NONE}, {@code QUIET_HOURS}
 * or {@code DELAY}
 * @param ruleId the rule that routed it; none for the default route
 * @param attempts attempts made
 * @param maxAttempts attempts allowed
 * @param nextAttemptTime when it is (next) due, while pending
 * @param lastError why the last attempt failed
 * @param createdTime when it was routed
 * @param updatedTime when it last changed
 * @param sentTime when the channel accepted it
 */
public record Delivery(long id, long messageId, long userId, Channel channel, DeliveryStatus status, String heldBy,
		@Nullable Long ruleId, int attempts, int maxAttempts, @Nullable Instant nextAttemptTime,
		@Nullable String lastError, Instant createdTime, Instant updatedTime, @Nullable Instant sentTime) {

}
