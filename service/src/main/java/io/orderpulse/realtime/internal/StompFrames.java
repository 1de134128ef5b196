package io.orderpulse.realtime.internal;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompEncoder;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.socket.TextMessage;

/**
 * Encodes the server's STOMP frames with Spring's {@link StompEncoder} (escaping and
 * content-length included), as WebSocket text messages.
 */
final class StompFrames {

	static final TextMessage HEARTBEAT = new TextMessage("\n");

	private static final StompEncoder ENCODER = new StompEncoder();

	private StompFrames() {
	}

	static TextMessage frame(StompCommand command, MultiValueMap<String, String> headers, byte[] body) {
		StompHeaderAccessor accessor = StompHeaderAccessor.create(command, headers);
		return new TextMessage(ENCODER.encode(accessor.getMessageHeaders(), body));
	}

	static TextMessage error(String message, String detail) {
		MultiValueMap<String, String> headers = new LinkedMultiValueMap<>(3);
		headers.add("message", message);
		headers.add("content-type", "text/plain;charset=UTF-8");
		return frame(StompCommand.ERROR, headers, detail.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * The ERROR frame of a session whose token was revoked (logout, or its user disabled,
	 * deleted or given other roles), with the machine-readable code
	 * {@code x-error-code: token-revoked}.
	 */
	static TextMessage revoked() {
		return frame(StompCommand.ERROR,
				headers("message", "Session revoked", "x-error-code", "token-revoked", "content-type",
						"text/plain;charset=UTF-8"),
				("The session was revoked (logged out, or the account was disabled, deleted or given other roles): "
						+ "log in again.")
					.getBytes(StandardCharsets.UTF_8));
	}

	static TextMessage receipt(String receiptId) {
		return frame(StompCommand.RECEIPT, headers("receipt-id", receiptId), new byte[0]);
	}

	static MultiValueMap<String, String> headers(String... namesAndValues) {
		MultiValueMap<String, String> headers = new LinkedMultiValueMap<>(namesAndValues.length / 2 + 4);
		for (int i = 0; i < namesAndValues.length; i += 2) {
			headers.put(namesAndValues[i], List.of(namesAndValues[i + 1]));
		}
		return headers;
	}

}
