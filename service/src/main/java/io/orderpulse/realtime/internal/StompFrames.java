package io.orderpulse.realtime.internal;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

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

	/** At most 18 digits each, so they fit a long (and twice the interval still does). */
	private static final Pattern HEART_BEAT = Pattern.compile("([0-9]{1,18}),([0-9]{1,18})");

	private static final Pattern CONTENT_LENGTH = Pattern.compile("[0-9]{1,10}");

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

	/**
	 * The two intervals of a {@code heart-beat} header ({@code cx,cy}: non-negative
	 * integers of milliseconds, STOMP 1.2), {@code 0,0} when there is none, or null when
	 * it is malformed. Spring's {@code StompHeaderAccessor.getHeartbeat()} silently reads
	 * a value without a comma as none and throws on other garbage.
	 */
	static long @Nullable [] heartbeat(@Nullable String value) {
		if (value == null) {
			return new long[] { 0, 0 };
		}
		Matcher matcher = HEART_BEAT.matcher(value);
		if (!matcher.matches()) {
			return null;
		}
		return new long[] { Long.parseLong(matcher.group(1)), Long.parseLong(matcher.group(2)) };
	}

	/**
	 * Whether a {@code content-length} header, if there is one, is a byte count. Spring's
	 * decoder ignores one that is not a number and reads the body up to the NUL instead.
	 */
	static boolean validContentLength(@Nullable String value) {
		return value == null || CONTENT_LENGTH.matcher(value).matches();
	}

	static MultiValueMap<String, String> headers(String... namesAndValues) {
		MultiValueMap<String, String> headers = new LinkedMultiValueMap<>(namesAndValues.length / 2 + 4);
		for (int i = 0; i < namesAndValues.length; i += 2) {
			headers.put(namesAndValues[i], List.of(namesAndValues[i + 1]));
		}
		return headers;
	}

}
