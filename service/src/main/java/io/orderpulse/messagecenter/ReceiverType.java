package io.orderpulse.messagecenter;

/**
 * Whom a message is addressed to.
 */
public enum ReceiverType {

	USER, USER_GROUP, ORGANIZATION, BROADCAST

}
