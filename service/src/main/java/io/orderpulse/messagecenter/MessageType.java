package io.orderpulse.messagecenter;

/**
 * The kind of a message.
 */
public enum MessageType {

	SYSTEM, BUSINESS, ALERT, NOTIFICATION

}
