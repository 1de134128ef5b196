package io.orderpulse.messagecenter.template;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import io.orderpulse.platform.Problems.FieldProblem;
import io.orderpulse.messagecenter.TemplateVariable;
import io.orderpulse.messagecenter.VariableType;
import org.jspecify.annotations.Nullable;

/**
 * Checks the values supplied for a template's variables against their declarations and
 * turns them into what templates render: text, numbers ({@code long} when whole, else
 * {@code BigDecimal}), booleans, {@code LocalDate}, {@code OffsetDateTime} or
 * {@code LocalDateTime}, lists and maps of these. The values are bounded
 * ({@link TemplateSettings#maxListItems()} per list or object,
 * {@link TemplateSettings#maxVariablesSize()} in all) before a template sees them, so
 * that no loop or filter is given more than a message could use.
 */
public final class VariableValues {

	private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]+");

	private static final Pattern PHONE = Pattern.compile("[+0-9 ()-]{3,32}");

	private static final int MAX_DEPTH = 5;

	private VariableValues() {
	}

	/**
	 * The values to render with: every declared variable (null when not supplied and
	 * without default), plus {@code currentDate} and {@code currentTime} (UTC) unless
	 * declared.
	 * @param field the name of the request field holding the values, for error messages
	 * @param limits the limits of the values
	 * @return the values, or problems naming each bad variable
	 */
	public static Result convert(List<TemplateVariable> declared, Map<String, ?> given, String field,
			TemplateSettings limits) {
		Meter meter = new Meter(limits);
		List<FieldProblem> problems = new ArrayList<>();
		Map<String, Object> values = new LinkedHashMap<>();
		for (String name : given.keySet()) {
			if (declared.stream().noneMatch((variable) -> variable.name().equals(name))) {
				problems.add(new FieldProblem(field + "." + name, "is not a variable of this template"));
			}
		}
		for (TemplateVariable variable : declared) {
			Object raw = given.get(variable.name());
			if (raw == null) {
				raw = variable.defaultValue();
			}
			String path = field + "." + variable.name();
			if (raw == null) {
				if (variable.required()) {
					problems.add(new FieldProblem(path, "is required"));
				}
				values.put(variable.name(), null);
				continue;
			}
			try {
				values.put(variable.name(), convert(variable.type(), raw, meter));
			}
			catch (IllegalArgumentException ex) {
				problems.add(new FieldProblem(path, ex.getMessage()));
			}
			catch (ValuesTooLarge ex) {
				problems.add(new FieldProblem(field, ex.getMessage()));
				break;
			}
		}
		if (declared.stream().noneMatch((variable) -> variable.name().equals("currentDate"))) {
			values.put("currentDate", LocalDate.now(ZoneOffset.UTC));
		}
		if (declared.stream().noneMatch((variable) -> variable.name().equals("currentTime"))) {
			values.put("currentTime", OffsetDateTime.now(ZoneOffset.UTC));
		}
		return new Result(values, problems);
	}

	/**
	 * Converts one value (a default value).
	 * @throws IllegalArgumentException saying what the value must be, or that it is too
	 * large
	 */
	public static Object convert(VariableType type, Object raw, TemplateSettings limits) {
		try {
			return convert(type, raw, new Meter(limits));
		}
		catch (ValuesTooLarge ex) {
			throw new IllegalArgumentException(ex.getMessage());
		}
	}

	private static Object convert(VariableType type, Object raw, Meter meter) {
		if (raw instanceof String || raw instanceof Number || raw instanceof Boolean) {
			meter.add(String.valueOf(raw).length());
		}
		return switch (type) {
			case STRING -> text(raw, "must be text");
			case NUMBER -> number(raw);
			case BOOLEAN -> {
				if (raw instanceof Boolean bool) {
					yield bool;
				}
				throw new IllegalArgumentException("must be true or false");
			}
			case DATE -> {
				try {
					yield LocalDate.parse(text(raw, "must be a date such as 2024-01-20"));
				}
				catch (DateTimeParseException ex) {
					throw new IllegalArgumentException("must be a date such as 2024-01-20");
				}
			}
			case DATETIME -> dateTime(raw);
			case LIST, ARRAY -> {
				if (raw instanceof List<?> list) {
					yield plain(list, 0, meter);
				}
				throw new IllegalArgumentException("must be a list");
			}
			case OBJECT -> {
				if (raw instanceof Map<?, ?> map) {
					yield plain(map, 0, meter);
				}
				throw new IllegalArgumentException("must be an object");
			}
			case URL -> url(text(raw, "must be a URL"));
			case EMAIL -> {
				String text = text(raw, "must be an e-mail address");
				if (!EMAIL.matcher(text).matches()) {
					throw new IllegalArgumentException("must be an e-mail address");
				}
				yield text;
			}
			case PHONE -> {
				String text = text(raw, "must be a phone number");
				if (!PHONE.matcher(text).matches()) {
					throw new IllegalArgumentException("must be a phone number (digits, spaces, + - ( ))");
				}
				yield text;
			}
		};
	}

	private static String text(Object raw, String message) {
		if (raw instanceof String text) {
			return text;
		}
		throw new IllegalArgumentException(message);
	}

	private static Object number(Object raw) {
		BigDecimal number = switch (raw) {
			case Integer value -> BigDecimal.valueOf(value);
			case Long value -> BigDecimal.valueOf(value);
			case Short value -> BigDecimal.valueOf(value);
			case BigInteger value -> new BigDecimal(value);
			case BigDecimal value -> value;
			case Double value when Double.isFinite(value) -> BigDecimal.valueOf(value);
			case Float value when Float.isFinite(value) -> BigDecimal.valueOf(value);
			default -> throw new IllegalArgumentException("must be a number");
		};
		try {
			return number.longValueExact();
		}
		catch (ArithmeticException ex) {
			return number.stripTrailingZeros();
		}
	}

	private static Object dateTime(Object raw) {
		if (raw instanceof Long || raw instanceof Integer) {
			return Instant.ofEpochMilli(((Number) raw).longValue()).atOffset(ZoneOffset.UTC);
		}
		String text = text(raw, "must be a date-time such as 2024-01-20T22:00:00+08:00");
		try {
			return OffsetDateTime.parse(text);
		}
		catch (DateTimeParseException ex) {
			try {
				return LocalDateTime.parse(text);
			}
			catch (DateTimeParseException again) {
				throw new IllegalArgumentException("must be a date-time such as 2024-01-20T22:00:00+08:00");
			}
		}
	}

	private static String url(String text) {
		if (text.startsWith("/") && !text.startsWith("//")) {
			return text;
		}
		try {
			URI uri = new URI(text);
			if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
				return text;
			}
		}
		catch (URISyntaxException ex) {
			// not a URL
		}
		throw new IllegalArgumentException("must be an http(s) URL or a path starting with /");
	}

	/** JSON data as plain maps, lists and scalars (nothing else reaches a template). */
	private static @Nullable Object plain(@Nullable Object value, int depth, Meter meter) {
		if (depth > MAX_DEPTH) {
			throw new IllegalArgumentException("nests deeper than " + MAX_DEPTH + " levels");
		}
		if (depth > 0 && (value instanceof String || value instanceof Number || value instanceof Boolean)) {
			meter.add(String.valueOf(value).length());
		}
		return switch (value) {
			case null -> null;
			case String text -> text;
			case Boolean bool -> bool;
			case Number number -> number(number);
			case List<?> list -> {
				meter.items(list.size(), "items: a list");
				List<Object> items = new ArrayList<>(list.size());
				list.forEach((item) -> items.add(plain(item, depth + 1, meter)));
				yield items;
			}
			case Map<?, ?> map -> {
				meter.items(map.size(), "entries: an object");
				Map<String, Object> entries = new LinkedHashMap<>();
				map.forEach((key, item) -> {
					meter.add(String.valueOf(key).length());
					entries.put(String.valueOf(key), plain(item, depth + 1, meter));
				});
				yield entries;
			}
			default -> throw new IllegalArgumentException("must be JSON data");
		};
	}

	/**
	 * What the values of one rendering have used of the limits.
	 */
	private static final class Meter {

		private final int maxItems;

		private final long maxSize;

		private long size;

		Meter(TemplateSettings limits) {
			this.maxItems = limits.maxListItems();
			this.maxSize = limits.maxVariablesSize().toBytes();
		}

		void items(int count, String what) {
			if (count > this.maxItems) {
				throw new IllegalArgumentException("has " + count + " " + what + " may have at most " + this.maxItems);
			}
		}

		/** A value of so many characters, and one for the value itself. */
		void add(long chars) {
			this.size += chars + 1;
			if (this.size > this.maxSize) {
				throw new ValuesTooLarge(
						"at most " + this.maxSize + " characters of values in all (texts, keys and numbers)");
			}
		}

	}

	/** The values together are larger than the limit. */
	private static final class ValuesTooLarge extends RuntimeException {

		ValuesTooLarge(String message) {
			super(message, null, false, false);
		}

	}

	/**
	 * Converted values and the problems found.
	 *
	 * @param values the values to render with
	 * @param problems one per bad or missing variable
	 */
	public record Result(Map<String, Object> values, List<FieldProblem> problems) {
	}

}
