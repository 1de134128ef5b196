package io.orderpulse.realtime;

import io.orderpulse.identity.AuthenticatedUser;

/**
 * Handles STOMP SEND frames from clients to one {@code /app/...} destination. Modules
 * register handlers as beans; a SEND to a destination without a handler is refused with
 * an ERROR frame.
 */
public interface ClientCommandHandler {

	/**
	 * The destination handled, starting with {@code /app/}.
	 */
	String destination();

	/**
	 * Handles one frame. An exception is answered with an ERROR frame carrying its
	 * message (and, as STOMP requires, the connection closes).
	 * @param sender the session's user
	 * @param body the frame's body as text
	 */
	void handle(AuthenticatedUser sender, String body);

}
