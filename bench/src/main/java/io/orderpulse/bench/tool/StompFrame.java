package io.orderpulse.bench.tool;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A STOMP frame: command, headers (first occurrence wins, as STOMP 1.2 says) and body.
 *
 * @param command e.g. {@code MESSAGE}
 * @param headers the headers, unescaped
 * @param body the body as text
 */
public record StompFrame(String command, Map<String, String> headers, String body) {

	public @Nullable String header(String name) {
		return this.headers.get(name);
	}

	/**
	 * Encodes a frame with the given header names and values (alternating) and body.
	 */
	public static String encode(String command, String body, String... headers) {
		StringBuilder frame = new StringBuilder(64 + body.length()).append(command).append('\n');
		for (int i = 0; i + 1 < headers.length; i += 2) {
			frame.append(escape(headers[i])).append(':').append(escape(headers[i + 1])).append('\n');
		}
		return frame.append('\n').append(body).append('\0').toString();
	}

	static String escape(String value) {
		if (value.indexOf('\\') < 0 && value.indexOf('\n') < 0 && value.indexOf('\r') < 0 && value.indexOf(':') < 0) {
			return value;
		}
		return value.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r").replace(":", "\\c");
	}

	static String unescape(String value) {
		if (value.indexOf('\\') < 0) {
			return value;
		}
		StringBuilder out = new StringBuilder(value.length());
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c == '\\' && i + 1 < value.length()) {
				char next = value.charAt(++i);
				out.append(switch (next) {
					case 'n' -> '\n';
					case 'r' -> '\r';
					case 'c' -> ':';
					default -> next;
				});
			}
			else {
				out.append(c);
			}
		}
		return out.toString();
	}

	/**
	 * Parses one frame without its terminating NUL; heart-beat newlines before the
	 * command are skipped.
	 * @return the frame, or null for a heart-beat
	 */
	static @Nullable StompFrame parse(String raw) {
		int start = 0;
		while (start < raw.length() && (raw.charAt(start) == '\n' || raw.charAt(start) == '\r')) {
			start++;
		}
		if (start == raw.length()) {
			return null;
		}
		int headerEnd = raw.indexOf("\n\n", start);
		String head = (headerEnd >= 0) ? raw.substring(start, headerEnd) : raw.substring(start);
		String body = (headerEnd >= 0) ? raw.substring(headerEnd + 2) : "";
		String[] lines = head.split("\n");
		Map<String, String> headers = new LinkedHashMap<>();
		for (int i = 1; i < lines.length; i++) {
			String line = lines[i].endsWith("\r") ? lines[i].substring(0, lines[i].length() - 1) : lines[i];
			int colon = line.indexOf(':');
			if (colon > 0) {
				headers.putIfAbsent(unescape(line.substring(0, colon)), unescape(line.substring(colon + 1)));
			}
		}
		String command = lines[0].endsWith("\r") ? lines[0].substring(0, lines[0].length() - 1) : lines[0];
		return new StompFrame(command, headers, body);
	}

}
