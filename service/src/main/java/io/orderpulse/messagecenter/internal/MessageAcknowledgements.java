package io.orderpulse.messagecenter.internal;

import io.orderpulse.identity.AuthenticatedUser;
import io.orderpulse.messagecenter.Inbox;
import io.orderpulse.realtime.ClientCommandHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * The seed's ACK (section 6.2.2) of a pushed message: a client SENDs {@code {"type":
 * "ACK", "data": {"originalMessageId": 42, "status": "DELIVERED"}}} to
 * {@code /app/messages/ack} once it has shown the message, which records the message's
 * {@code deliveredTime} for that user; status {@code READ} reads it as well. An id that
 * is not the sender's is ignored; a malformed frame is refused.
 */
@Component
class MessageAcknowledgements implements ClientCommandHandler {

	private final Inbox inbox;

	private final JsonMapper json;

	MessageAcknowledgements(Inbox inbox, JsonMapper json) {
		this.inbox = inbox;
		this.json = json;
	}

	@Override
	public String destination() {
		return "/app/messages/ack";
	}

	@Override
	public void handle(AuthenticatedUser sender, String body) {
		JsonNode ack;
		try {
			ack = this.json.readTree(body);
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException("An ACK is JSON: {type: ACK, data: {originalMessageId, status}}.");
		}
		JsonNode data = ack.path("data");
		JsonNode id = data.path("originalMessageId");
		String status = data.path("status").asString("DELIVERED");
		boolean numeric = id.canConvertToLong() || (id.isString() && id.asString().matches("\\d{1,18}"));
		if (!"ACK".equals(ack.path("type").asString(null)) || !numeric
				|| !("DELIVERED".equals(status) || "READ".equals(status))) {
			throw new IllegalArgumentException(
					"An ACK needs type ACK, data.originalMessageId (a message id) and data.status DELIVERED or READ.");
		}
		this.inbox.acknowledge(sender, id.isString() ? Long.parseLong(id.asString()) : id.asLong(),
				"READ".equals(status));
	}

}
