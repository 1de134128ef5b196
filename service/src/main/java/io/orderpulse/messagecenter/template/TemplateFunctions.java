package io.orderpulse.messagecenter.template;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.pebbletemplates.pebble.extension.Function;
import io.pebbletemplates.pebble.template.EvaluationContext;
import io.pebbletemplates.pebble.template.PebbleTemplate;

/**
 * The seed's three template functions: {@code date}, {@code substring} and {@code url}
 * (the names {@link SeedTemplateSyntax#FUNCTIONS} admits).
 */
final class TemplateFunctions {

	private TemplateFunctions() {
	}

	/** The functions by name, for the engine. */
	static Map<String, Function> all() {
		return Map.of("date", new DateFunction(), "substring", new Substring(), "url", new Url());
	}

	/**
	 * {@code date(value, 'pattern')}: a date, date-time, epoch milliseconds or ISO-8601
	 * text formatted with a {@code DateTimeFormatter} pattern.
	 */
	private static final class DateFunction implements Function {

		@Override
		public List<String> getArgumentNames() {
			return List.of("value", "pattern");
		}

		@Override
		public Object execute(Map<String, Object> args, PebbleTemplate self, EvaluationContext context,
				int lineNumber) {
			Object value = args.get("value");
			if (value == null) {
				return null;
			}
			TemporalAccessor temporal = switch (value) {
				case TemporalAccessor accessor -> accessor;
				case Number millis -> Instant.ofEpochMilli(millis.longValue()).atOffset(ZoneOffset.UTC);
				case String text -> parse(text);
				default -> throw new IllegalArgumentException("date() needs a date, not " + value);
			};
			return DateTimeFormatter.ofPattern(String.valueOf(args.get("pattern")), Locale.ROOT).format(temporal);
		}

		private static TemporalAccessor parse(String text) {
			try {
				return OffsetDateTime.parse(text);
			}
			catch (DateTimeParseException ex) {
				try {
					return LocalDateTime.parse(text);
				}
				catch (DateTimeParseException again) {
					return LocalDate.parse(text);
				}
			}
		}

	}

	/** {@code substring(text, from, to)}: characters from..to (to optional), clamped. */
	private static final class Substring implements Function {

		@Override
		public List<String> getArgumentNames() {
			return List.of("text", "from", "to");
		}

		@Override
		public Object execute(Map<String, Object> args, PebbleTemplate self, EvaluationContext context,
				int lineNumber) {
			Object value = args.get("text");
			if (value == null) {
				return null;
			}
			String text = String.valueOf(value);
			int from = clamp(args.get("from"), 0, text.length());
			int to = (args.get("to") != null) ? clamp(args.get("to"), from, text.length()) : text.length();
			return text.substring(from, to);
		}

		private static int clamp(Object index, int min, int max) {
			long value = (index instanceof Number number) ? number.longValue() : min;
			return (int) Math.max(min, Math.min(max, value));
		}

	}

	/**
	 * {@code url(path, params)}: the path with the map's entries as an encoded query.
	 */
	private static final class Url implements Function {

		@Override
		public List<String> getArgumentNames() {
			return List.of("path", "params");
		}

		@Override
		public Object execute(Map<String, Object> args, PebbleTemplate self, EvaluationContext context,
				int lineNumber) {
			StringBuilder url = new StringBuilder(String.valueOf(args.getOrDefault("path", "")));
			if (args.get("params") instanceof Map<?, ?> params) {
				char separator = (url.indexOf("?") >= 0) ? '&' : '?';
				for (Map.Entry<?, ?> param : params.entrySet()) {
					if (param.getValue() != null) {
						url.append(separator)
							.append(URLEncoder.encode(String.valueOf(param.getKey()), StandardCharsets.UTF_8))
							.append('=')
							.append(URLEncoder.encode(String.valueOf(param.getValue()), StandardCharsets.UTF_8));
						separator = '&';
					}
				}
			}
			return url.toString();
		}

	}

}
