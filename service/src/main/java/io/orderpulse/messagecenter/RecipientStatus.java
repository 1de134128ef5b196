package io.orderpulse.messagecenter;

/**
 * A recipient's state of a message; without a stored state it is UNREAD.
 */
public enum RecipientStatus {

	UNREAD, READ, DELETED

}
