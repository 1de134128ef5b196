package io.orderpulse.bench.tool;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The server's memory as the tool can see it: heap used and live data size from the
 * actuator, and resident set size from {@code /proc} when the server runs on this machine
 * and its pid is known.
 */
final class ServerMemory {

	private final ServiceApi api;

	private final @Nullable Long pid;

	ServerMemory(ServiceApi api, @Nullable Long pid) {
		this.api = api;
		this.pid = pid;
	}

	/**
	 * A sample in bytes: {@code heapUsed}, {@code liveData} (heap in use after the last
	 * collection, less noisy), {@code rss} (-1 when unknown).
	 */
	Map<String, Long> sample() {
		Map<String, Long> sample = new LinkedHashMap<>();
		sample.put("heapUsed", (long) this.api.metric("jvm.memory.used", "area:heap"));
		sample.put("liveData", (long) this.api.metric("jvm.gc.live.data.size", null));
		sample.put("rss", rss());
		return sample;
	}

	long rss() {
		if (this.pid == null) {
			return -1;
		}
		try {
			for (String line : Files.readAllLines(Path.of("/proc", this.pid.toString(), "status"))) {
				if (line.startsWith("VmRSS:")) {
					return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
				}
			}
		}
		catch (IOException | NumberFormatException ex) {
			return -1;
		}
		return -1;
	}

	/**
	 * Bytes per session of each measure that both samples have.
	 */
	static Map<String, Object> perSession(Map<String, Long> before, Map<String, Long> after, int sessions) {
		Map<String, Object> result = new LinkedHashMap<>();
		for (String key : before.keySet()) {
			long b = before.get(key);
			long a = after.getOrDefault(key, -1L);
			// 0 means not measured yet (live data exists only after a collection)
			if (b > 0 && a > 0 && sessions > 0) {
				result.put(key + "BytesPerSession", Math.round((a - b) / (double) sessions));
			}
		}
		return result;
	}

}
