package io.orderpulse.routing;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import io.orderpulse.identity.Role;
import io.orderpulse.messagecenter.MessageType;
import io.orderpulse.messagecenter.Priority;
import io.orderpulse.platform.Problems.FieldProblem;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads routing rules, quiet hours and preferences from JSON strictly, collecting a
 * problem for each bad field (unknown fields, unknown enum values, wrong types, values
 * out of range) by its path, such as {@code action.channels[1]}; and writes rules in the
 * same shape. The API and the stored rules share this one format.
 */
public final class RouteJson {

	/** The longest delay a rule may set. */
	public static final Duration MAX_DELAY = Duration.ofDays(30);

	/** The longest first retry wait a rule may set. */
	public static final Duration MAX_BACKOFF = Duration.ofHours(24);

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private final List<FieldProblem> problems = new ArrayList<>();

	/**
	 * The problems found so far.
	 */
	public List<FieldProblem> problems() {
		return this.problems;
	}

	/**
	 * A rule's fields: {@code name, priority, enabled, condition, action}.
	 */
	public @Nullable RouteDraft rule(@Nullable JsonNode body) {
		if (!object(body, "body")) {
			return null;
		}
		known(body, "", "name", "priority", "enabled", "condition", "action");
		String name = text(body.get("name"), "name", 100, true);
		Integer priority = integer(body.get("priority"), "priority", 0, 1_000_000, true);
		Boolean enabled = bool(body.get("enabled"), "enabled");
		RouteCondition condition = condition(body.get("condition"), "condition.");
		RouteAction action = action(body.get("action"), "action.");
		if (!this.problems.isEmpty() || name == null || priority == null || action == null) {
			return null;
		}
		return new RouteDraft(name, priority, (enabled != null) ? enabled : true,
				(condition != null) ? condition : RouteCondition.ANY, action);
	}

	/**
	 * A condition, or null when absent (matches everything) or invalid.
	 */
	public @Nullable RouteCondition condition(@Nullable JsonNode node, String prefix) {
		if (absent(node)) {
			return null;
		}
		if (!object(node, field(prefix))) {
			return null;
		}
		known(node, prefix, "messageType", "priority", "category", "roles", "groupIds", "timeWindow");
		MessageType messageType = constant(node.get("messageType"), prefix + "messageType", MessageType.class);
		Priority priority = constant(node.get("priority"), prefix + "priority", Priority.class);
		String category = text(node.get("category"), prefix + "category", 50, false);
		List<Role> roles = list(node.get("roles"), prefix + "roles",
				(element) -> constant(element.node, element.field, Role.class));
		List<Long> groupIds = list(node.get("groupIds"), prefix + "groupIds", (element) -> {
			if (element.node.isIntegralNumber() && element.node.canConvertToLong() && element.node.longValue() > 0) {
				return element.node.longValue();
			}
			this.problems.add(new FieldProblem(element.field, "must be a group id (a positive number)"));
			return null;
		});
		TimeWindow window = window(node.get("timeWindow"), prefix + "timeWindow", false);
		return new RouteCondition(messageType, priority, category, roles, groupIds, window);
	}

	/**
	 * An action (required), or null when invalid.
	 */
	public @Nullable RouteAction action(@Nullable JsonNode node, String prefix) {
		if (absent(node)) {
			this.problems.add(new FieldProblem(field(prefix), "is required"));
			return null;
		}
		if (!object(node, field(prefix))) {
			return null;
		}
		known(node, prefix, "channels", "delay", "respectQuietHours", "retry");
		List<Channel> channels = list(node.get("channels"), prefix + "channels",
				(element) -> constant(element.node, element.field, Channel.class));
		if (channels == null && absent(node.get("channels"))) {
			this.problems.add(new FieldProblem(prefix + "channels", "is required"));
		}
		else if (channels != null && new LinkedHashSet<>(channels).size() != channels.size()) {
			this.problems.add(new FieldProblem(prefix + "channels", "names a channel twice"));
		}
		Duration delay = duration(node.get("delay"), prefix + "delay", Duration.ZERO, MAX_DELAY);
		Boolean quiet = bool(node.get("respectQuietHours"), prefix + "respectQuietHours");
		RetryPolicy retry = retry(node.get("retry"), prefix + "retry");
		if (channels == null) {
			return null;
		}
		return new RouteAction(channels, (delay != null && !delay.isZero()) ? delay : null,
				(quiet != null) ? quiet : true, (retry != null) ? retry : RetryPolicy.DEFAULT);
	}

	private @Nullable RetryPolicy retry(@Nullable JsonNode node, String field) {
		if (absent(node)) {
			return null;
		}
		if (!object(node, field)) {
			return null;
		}
		known(node, field + ".", "maxAttempts", "backoff");
		Integer maxAttempts = integer(node.get("maxAttempts"), field + ".maxAttempts", 1, 10, true);
		Duration backoff = duration(node.get("backoff"), field + ".backoff", Duration.ofSeconds(1), MAX_BACKOFF);
		if (backoff == null && absent(node.get("backoff"))) {
			this.problems.add(new FieldProblem(field + ".backoff", "is required"));
		}
		return (maxAttempts != null && backoff != null) ? new RetryPolicy(maxAttempts, backoff) : null;
	}

	/**
	 * A time window {@code {start, end, zone}}; all three required.
	 */
	public @Nullable TimeWindow window(@Nullable JsonNode node, String field, boolean required) {
		if (absent(node)) {
			if (required) {
				this.problems.add(new FieldProblem(field, "is required"));
			}
			return null;
		}
		if (!object(node, field)) {
			return null;
		}
		known(node, field + ".", "start", "end", "zone");
		return windowFields(node, field + ".");
	}

	/**
	 * The window fields {@code start, end, zone} of an object that may have others
	 * (checked by the caller).
	 */
	public @Nullable TimeWindow windowFields(JsonNode node, String prefix) {
		LocalTime start = time(node.get("start"), prefix + "start");
		LocalTime end = time(node.get("end"), prefix + "end");
		ZoneId zone = zone(node.get("zone"), prefix + "zone");
		if (start == null || end == null || zone == null) {
			return null;
		}
		if (start.equals(end)) {
			this.problems.add(new FieldProblem(prefix + "end", "must differ from start"));
			return null;
		}
		return new TimeWindow(start, end, zone);
	}

	/**
	 * Reports every field of the object not among the names as unknown.
	 */
	public void known(JsonNode node, String prefix, String... names) {
		Set<String> allowed = Set.of(names);
		for (String name : node.propertyNames()) {
			if (!allowed.contains(name)) {
				this.problems.add(new FieldProblem(prefix + name, "is not a known field"));
			}
		}
	}

	/**
	 * Whether the node is an object; reports it when it is not.
	 */
	public boolean object(@Nullable JsonNode node, String field) {
		if (node == null || !node.isObject()) {
			this.problems.add(new FieldProblem(field, "must be an object"));
			return false;
		}
		return true;
	}

	public @Nullable Boolean bool(@Nullable JsonNode node, String field) {
		if (absent(node)) {
			return null;
		}
		if (!node.isBoolean()) {
			this.problems.add(new FieldProblem(field, "must be true or false"));
			return null;
		}
		return node.booleanValue();
	}

	public <E extends Enum<E>> @Nullable E constant(@Nullable JsonNode node, String field, Class<E> type) {
		if (absent(node)) {
			return null;
		}
		String allowed = String.join(", ", Arrays.stream(type.getEnumConstants()).map(Enum::name).toList());
		if (node.isString()) {
			for (E constant : type.getEnumConstants()) {
				if (constant.name().equals(node.stringValue())) {
					return constant;
				}
			}
		}
		this.problems.add(new FieldProblem(field, "cannot accept " + node + ", allowed values: " + allowed));
		return null;
	}

	private @Nullable String text(@Nullable JsonNode node, String field, int max, boolean required) {
		if (absent(node)) {
			if (required) {
				this.problems.add(new FieldProblem(field, "is required"));
			}
			return null;
		}
		if (!node.isString() || node.stringValue().isBlank() || node.stringValue().strip().length() > max) {
			this.problems.add(new FieldProblem(field, "must be text of 1-" + max + " characters"));
			return null;
		}
		return node.stringValue().strip();
	}

	private @Nullable Integer integer(@Nullable JsonNode node, String field, int min, int max, boolean required) {
		if (absent(node)) {
			if (required) {
				this.problems.add(new FieldProblem(field, "is required"));
			}
			return null;
		}
		if (!node.isIntegralNumber() || !node.canConvertToInt() || node.intValue() < min || node.intValue() > max) {
			this.problems.add(new FieldProblem(field, "must be a whole number from " + min + " to " + max));
			return null;
		}
		return node.intValue();
	}

	private @Nullable Duration duration(@Nullable JsonNode node, String field, Duration min, Duration max) {
		if (absent(node)) {
			return null;
		}
		Duration duration = null;
		if (node.isString()) {
			try {
				duration = Duration.parse(node.stringValue());
			}
			catch (DateTimeParseException ex) {
				// reported below
			}
		}
		if (duration == null) {
			this.problems.add(new FieldProblem(field, "must be an ISO-8601 duration such as PT10M"));
			return null;
		}
		if (duration.isNegative()) {
			this.problems.add(new FieldProblem(field, "must not be negative"));
			return null;
		}
		if (duration.compareTo(min) < 0 || duration.compareTo(max) > 0) {
			this.problems.add(new FieldProblem(field, "must be from " + min + " to " + max));
			return null;
		}
		return duration;
	}

	private @Nullable LocalTime time(@Nullable JsonNode node, String field) {
		if (absent(node)) {
			this.problems.add(new FieldProblem(field, "is required"));
			return null;
		}
		if (node.isString()) {
			try {
				return LocalTime.parse(node.stringValue());
			}
			catch (DateTimeParseException ex) {
				// reported below
			}
		}
		this.problems.add(new FieldProblem(field, "must be a local time such as 22:00"));
		return null;
	}

	private @Nullable ZoneId zone(@Nullable JsonNode node, String field) {
		if (absent(node)) {
			this.problems.add(new FieldProblem(field, "is required"));
			return null;
		}
		// region ids only (Area/City, or UTC): offsets such as +08:00 are no time zone
		if (node.isString() && (node.stringValue().contains("/") || "UTC".equals(node.stringValue()))) {
			try {
				return ZoneId.of(node.stringValue());
			}
			catch (DateTimeException ex) {
				// reported below
			}
		}
		this.problems.add(new FieldProblem(field, "must be an IANA time zone such as Asia/Shanghai"));
		return null;
	}

	private <T> @Nullable List<T> list(@Nullable JsonNode node, String field, Function<Element, @Nullable T> read) {
		if (absent(node)) {
			return null;
		}
		if (!node.isArray() || node.isEmpty()) {
			this.problems.add(new FieldProblem(field, "must be a non-empty array"));
			return null;
		}
		List<T> values = new ArrayList<>();
		int before = this.problems.size();
		for (int i = 0; i < node.size(); i++) {
			T value = read.apply(new Element(node.get(i), field + "[" + i + "]"));
			if (value != null) {
				values.add(value);
			}
		}
		return (this.problems.size() == before) ? List.copyOf(values) : null;
	}

	private static boolean absent(@Nullable JsonNode node) {
		return node == null || node.isNull() || node.isMissingNode();
	}

	private static String field(String prefix) {
		return prefix.endsWith(".") ? prefix.substring(0, prefix.length() - 1) : prefix;
	}

	private record Element(JsonNode node, String field) {
	}

	/**
	 * A rule as written, before it has an id.
	 */
	public record RouteDraft(String name, int priority, boolean enabled, RouteCondition condition, RouteAction action) {
	}

	/**
	 * The condition in the API's JSON shape.
	 */
	public static ObjectNode write(RouteCondition condition) {
		ObjectNode node = NODES.objectNode();
		if (condition.messageType() != null) {
			node.put("messageType", condition.messageType().name());
		}
		if (condition.priority() != null) {
			node.put("priority", condition.priority().name());
		}
		if (condition.category() != null) {
			node.put("category", condition.category());
		}
		if (condition.roles() != null) {
			ArrayNode roles = node.putArray("roles");
			condition.roles().forEach((role) -> roles.add(role.name()));
		}
		if (condition.groupIds() != null) {
			ArrayNode groups = node.putArray("groupIds");
			condition.groupIds().forEach(groups::add);
		}
		if (condition.timeWindow() != null) {
			node.set("timeWindow", write(condition.timeWindow()));
		}
		return node;
	}

	/**
	 * The action in the API's JSON shape.
	 */
	public static ObjectNode write(RouteAction action) {
		ObjectNode node = NODES.objectNode();
		ArrayNode channels = node.putArray("channels");
		action.channels().forEach((channel) -> channels.add(channel.name()));
		if (action.delay() != null) {
			node.put("delay", action.delay().toString());
		}
		else {
			node.putNull("delay");
		}
		node.put("respectQuietHours", action.respectQuietHours());
		ObjectNode retry = node.putObject("retry");
		retry.put("maxAttempts", action.retry().maxAttempts());
		retry.put("backoff", action.retry().backoff().toString());
		return node;
	}

	/**
	 * A window in the API's JSON shape.
	 */
	public static ObjectNode write(TimeWindow window) {
		ObjectNode node = NODES.objectNode();
		node.put("start", window.start().toString());
		node.put("end", window.end().toString());
		node.put("zone", window.zone().getId());
		return node;
	}

}
