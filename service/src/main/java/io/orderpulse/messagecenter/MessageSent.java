package io.orderpulse.messagecenter;

/**
 * A message was stored; its recipients are told asynchronously after commit. Recorded by
 * the event publication registry, so pushes interrupted by a crash are made on restart.
 *
 * @param messageId the message
 */
public record MessageSent(long messageId) {

}
