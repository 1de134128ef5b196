package io.orderpulse.platform.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.config.MeterFilter;

/**
 * Keeps exception classes out of the public metrics. Spring's observations tag
 * {@code http.server.requests} (and scheduled tasks, HTTP clients, listeners) with the
 * simple class name of the exception that failed them, both as {@code exception} and,
 * through Micrometer's meter handler, as {@code error}: {@code /actuator/prometheus} then
 * told anyone which libraries run inside and where they broke. This filter maps those
 * tags of every meter to a small fixed set of categories: {@code none}, {@code client}
 * (the request's status is 4xx), {@code timeout} (the exception's name says so) and
 * {@code server} (anything else). The log keeps the exception.
 */
final class ErrorCategoryMeterFilter implements MeterFilter {

	static final Set<String> KEYS = Set.of("exception", "error");

	static final Set<String> CATEGORIES = Set.of("none", "client", "server", "timeout");

	@Override
	public Meter.Id map(Meter.Id id) {
		List<Tag> tags = id.getTags();
		List<Tag> mapped = null;
		for (int i = 0; i < tags.size(); i++) {
			Tag tag = tags.get(i);
			if (KEYS.contains(tag.getKey()) && !CATEGORIES.contains(tag.getValue())) {
				if (mapped == null) {
					mapped = new ArrayList<>(tags);
				}
				mapped.set(i, Tag.of(tag.getKey(), category(tag.getValue(), id)));
			}
		}
		return (mapped != null) ? id.replaceTags(mapped) : id;
	}

	static String category(String exception, Meter.Id id) {
		if (exception.isBlank() || exception.equalsIgnoreCase("none")) {
			return "none";
		}
		if (exception.contains("Timeout") || exception.contains("TimedOut")) {
			return "timeout";
		}
		String status = id.getTag("status");
		if ((status != null && status.startsWith("4")) || "CLIENT_ERROR".equals(id.getTag("outcome"))) {
			return "client";
		}
		return "server";
	}

}
