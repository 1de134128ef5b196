package io.orderpulse.bench.tool;

import java.util.LinkedHashMap;
import java.util.Map;

import org.HdrHistogram.Histogram;

/**
 * Percentiles of a histogram of milliseconds, as reported.
 */
final class Percentiles {

	private Percentiles() {
	}

	static Histogram millis() {
		return new Histogram(3_600_000L, 3);
	}

	static Map<String, Object> of(Histogram histogram) {
		Map<String, Object> result = new LinkedHashMap<>();
		result.put("count", histogram.getTotalCount());
		if (histogram.getTotalCount() == 0) {
			return result;
		}
		result.put("p50", histogram.getValueAtPercentile(50));
		result.put("p90", histogram.getValueAtPercentile(90));
		result.put("p99", histogram.getValueAtPercentile(99));
		result.put("max", histogram.getMaxValue());
		result.put("mean", Math.round(histogram.getMean() * 10) / 10.0);
		return result;
	}

}
