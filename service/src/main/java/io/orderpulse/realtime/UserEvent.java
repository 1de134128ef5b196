package io.orderpulse.realtime;

import java.time.Instant;
import java.util.UUID;

/**
 * An event in a user's stream, as stored and as pushed.
 *
 * @param eventId stable id, sent as header {@code x-event-id}
 * @param userId the recipient
 * @param seq the recipient's sequence number (contiguous per user, strictly increasing),
 * sent as header {@code x-seq}
 * @param destination where it is pushed, a {@code /user/queue/...} destination
 * @param payload the JSON body
 * @param createdAt when it was stored
 */
public record UserEvent(UUID eventId, long userId, long seq, String destination, String payload, Instant createdAt) {

}
