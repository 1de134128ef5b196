package io.orderpulse.platform.broker;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A message that kept failing, moved from its dead-letter queue into the database.
 *
 * @param id the dead letter's id (replay it with this)
 * @param queue the work queue it failed on
 * @param messageId the message's id, if it had one
 * @param body the message body as text
 * @param reason why the broker dead-lettered it (RabbitMQ's {@code x-death} reason)
 * @param deadAt when it was moved out of the dead-letter queue
 */
public record DeadLetter(long id, String queue, @Nullable String messageId, String body, String reason,
		Instant deadAt) {
}
