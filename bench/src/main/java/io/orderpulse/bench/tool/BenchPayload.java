package io.orderpulse.bench.tool;

import org.jspecify.annotations.Nullable;

/**
 * The fields of a benchmark event's JSON body that the tool needs, read without a JSON
 * parser: on the receive path of tens of thousands of messages a second a string search
 * is much cheaper than building a tree.
 *
 * @param benchId {@code <runId>-<index>}
 * @param dueAt epoch milliseconds when the server's generator scheduled the event
 */
record BenchPayload(String benchId, long dueAt) {

	/**
	 * The payload of a body, or null if it is not a benchmark event.
	 */
	static @Nullable BenchPayload parse(String body) {
		String benchId = stringField(body, "benchId");
		long dueAt = longField(body, "dueAt");
		return (benchId != null && dueAt >= 0) ? new BenchPayload(benchId, dueAt) : null;
	}

	/**
	 * The event's index in its run, or -1 if it belongs to another run.
	 */
	long indexIn(String runId) {
		if (this.benchId.length() <= runId.length() + 1 || !this.benchId.startsWith(runId)
				|| this.benchId.charAt(runId.length()) != '-') {
			return -1;
		}
		try {
			return Long.parseLong(this.benchId, runId.length() + 1, this.benchId.length(), 10);
		}
		catch (NumberFormatException ex) {
			return -1;
		}
	}

	private static int valueStart(String body, String name) {
		int at = body.indexOf("\"" + name + "\"");
		if (at < 0) {
			return -1;
		}
		int i = at + name.length() + 2;
		while (i < body.length() && (body.charAt(i) == ' ' || body.charAt(i) == ':')) {
			i++;
		}
		return (i < body.length()) ? i : -1;
	}

	private static @Nullable String stringField(String body, String name) {
		int start = valueStart(body, name);
		if (start < 0 || body.charAt(start) != '"') {
			return null;
		}
		int end = body.indexOf('"', start + 1);
		return (end > start) ? body.substring(start + 1, end) : null;
	}

	private static long longField(String body, String name) {
		int start = valueStart(body, name);
		if (start < 0) {
			return -1;
		}
		int end = start;
		while (end < body.length() && Character.isDigit(body.charAt(end))) {
			end++;
		}
		return (end > start) ? Long.parseLong(body, start, end, 10) : -1;
	}

}
