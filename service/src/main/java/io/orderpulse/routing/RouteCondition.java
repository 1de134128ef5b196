package io.orderpulse.routing;

import java.util.List;
import java.util.Set;

import io.orderpulse.identity.Role;
import io.orderpulse.messagecenter.MessageType;
import io.orderpulse.messagecenter.Priority;
import org.jspecify.annotations.Nullable;

/**
 * What a message and its recipient must be for a rule to apply; a missing part matches
 * everything.
 *
 * @param messageType the message's type
 * @param priority the message's priority
 * @param category the message's category (exact, ignoring case)
 * @param roles the recipient has at least one of these roles
 * @param groupIds the recipient is a member of at least one of these groups
 * @param timeWindow the message is sent within this daily window
 */
public record RouteCondition(@Nullable MessageType messageType, @Nullable Priority priority, @Nullable String category,
		@Nullable List<Role> roles, @Nullable List<Long> groupIds, @Nullable TimeWindow timeWindow) {

	/** Matches everything. */
	public static final RouteCondition ANY = new RouteCondition(null, null, null, null, null, null);

	/**
	 * The first part of this condition the message or recipient fails, described for
	 * people; null if all hold.
	 */
	public @Nullable String firstFailure(RouteProbe probe) {
		if (this.messageType != null && this.messageType != probe.messageType()) {
			return "messageType is " + probe.messageType() + ", not " + this.messageType;
		}
		if (this.priority != null && this.priority != probe.priority()) {
			return "priority is " + probe.priority() + ", not " + this.priority;
		}
		if (this.category != null && (probe.category() == null || !this.category.equalsIgnoreCase(probe.category()))) {
			return "category is " + ((probe.category() != null) ? probe.category() : "none") + ", not " + this.category;
		}
		if (this.roles != null && this.roles.stream().noneMatch(probe.roles()::contains)) {
			return "recipient has none of the roles " + this.roles;
		}
		if (this.groupIds != null && this.groupIds.stream().noneMatch(probe.groupIds()::contains)) {
			return "recipient is in none of the groups " + this.groupIds;
		}
		if (this.timeWindow != null && !this.timeWindow.contains(probe.time())) {
			return "sent at " + probe.time().atZone(this.timeWindow.zone()).toLocalTime().withNano(0)
					+ ", outside the time window " + this.timeWindow;
		}
		return null;
	}

	/**
	 * A message and a recipient as the rules see them.
	 *
	 * @param messageType the message's type
	 * @param priority its priority
	 * @param category its category
	 * @param time when it is sent
	 * @param roles the recipient's roles
	 * @param groupIds the recipient's groups
	 */
	public record RouteProbe(MessageType messageType, Priority priority, @Nullable String category,
			java.time.Instant time, Set<Role> roles, List<Long> groupIds) {
	}

}
