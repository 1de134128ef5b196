package io.orderpulse.messagecenter.internal;

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
 * {@code LocalDateTime}, lists and maps of these.
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
	 * @return the values, or problems naming each bad variable
	 */
	public static Result convert(List<TemplateVariable> declared, Map<String, ?> given, String field) {
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
				values.put(variable.name(), convert(variable.type(), raw));
			}
			catch (IllegalArgumentException ex) {
				problems.add(new FieldProblem(path, ex.getMessage()));
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
	 * Converts one value.
	 * @throws IllegalArgumentException saying what the value must be
	 */
	public static Object convert(VariableType type, Object raw) {
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
					yield plain(list, 0);
				}
				throw new IllegalArgumentException("must be a list");
			}
			case OBJECT -> {
				if (raw instanceof Map<?, ?> map) {
					yield plain(map, 0);
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
	private static @Nullable Object plain(@Nullable Object value, int depth) {
		if (depth > MAX_DEPTH) {
			throw new IllegalArgumentException("nests deeper than " + MAX_DEPTH + " levels");
		}
		return switch (value) {
			case null -> null;
			case String text -> text;
			case Boolean bool -> bool;
			case Number number -> number(number);
			case List<?> list -> {
				List<Object> items = new ArrayList<>(list.size());
				list.forEach((item) -> items.add(plain(item, depth + 1)));
				yield items;
			}
			case Map<?, ?> map -> {
				Map<String, Object> entries = new LinkedHashMap<>();
				map.forEach((key, item) -> entries.put(String.valueOf(key), plain(item, depth + 1)));
				yield entries;
			}
			default -> throw new IllegalArgumentException("must be JSON data");
		};
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
