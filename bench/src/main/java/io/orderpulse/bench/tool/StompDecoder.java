package io.orderpulse.bench.tool;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits the text of WebSocket messages into STOMP frames: a message may hold several
 * frames, part of one, or heart-beat newlines only. One decoder per session, used from
 * one thread.
 */
final class StompDecoder {

	private final StringBuilder partial = new StringBuilder();

	/**
	 * Feeds the text of one WebSocket message.
	 * @return the frames it completed, heart-beats left out
	 */
	List<StompFrame> decode(String text) {
		List<StompFrame> frames = new ArrayList<>(1);
		String buffer;
		if (this.partial.isEmpty()) {
			buffer = text;
		}
		else {
			buffer = this.partial.append(text).toString();
			this.partial.setLength(0);
		}
		int start = 0;
		int end;
		while ((end = buffer.indexOf('\0', start)) >= 0) {
			StompFrame frame = StompFrame.parse(buffer.substring(start, end));
			if (frame != null) {
				frames.add(frame);
			}
			start = end + 1;
		}
		String rest = buffer.substring(start);
		if (!rest.isBlank()) {
			this.partial.append(rest);
		}
		return frames;
	}

}
