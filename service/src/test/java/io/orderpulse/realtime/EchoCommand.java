package io.orderpulse.realtime;

import java.util.Map;

import io.orderpulse.identity.AuthenticatedUser;

import org.springframework.stereotype.Component;

/**
 * A client command that exists only in tests: pushes the body back to the sender's
 * {@code /user/queue/echo}, or is refused when the body says so.
 */
@Component
class EchoCommand implements ClientCommandHandler {

	private final UserEvents events;

	EchoCommand(UserEvents events) {
		this.events = events;
	}

	@Override
	public String destination() {
		return "/app/echo";
	}

	@Override
	public void handle(AuthenticatedUser sender, String body) {
		if (body.contains("refuse")) {
			throw new IllegalArgumentException("echo refused: " + body);
		}
		this.events.publish(sender.userId(), "/user/queue/echo", Map.of("echo", body));
	}

}
