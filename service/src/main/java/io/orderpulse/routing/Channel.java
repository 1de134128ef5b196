package io.orderpulse.routing;

/**
 * A way a message reaches its recipient besides the inbox, which always keeps it.
 */
public enum Channel {

	/** A push on the recipient's open sockets ({@code /user/queue/messages}). */
	WEBSOCKET,

	/** An email through the configured SMTP server to the recipient's address. */
	EMAIL,

	/** An HTTP POST, signed, to the organization's webhook URL. */
	WEBHOOK,

	/**
	 * A text message through the configured HTTP SMS gateway to the recipient's phone.
	 */
	SMS

}
