package io.orderpulse.routing.web;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import io.orderpulse.identity.AuthenticatedUser;
import io.orderpulse.platform.Problems.FieldProblem;
import io.orderpulse.routing.Channel;
import io.orderpulse.routing.MessageRoutes;
import io.orderpulse.routing.NotificationPreferences;
import io.orderpulse.routing.QuietHours;
import io.orderpulse.routing.RouteJson;
import io.orderpulse.routing.RoutingProblems;
import io.orderpulse.routing.TimeWindow;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Quiet hours (the organization's, for its admins, and each user's own override) and each
 * user's notification preferences.
 */
@RestController
@Tag(name = "Message routing")
@SecurityRequirement(name = "bearer")
class RoutingSettingsController {

	private final MessageRoutes routes;

	RoutingSettingsController(MessageRoutes routes) {
		this.routes = routes;
	}

	@GetMapping("/api/v1/message-routes/quiet-hours")
	@PreAuthorize("hasRole('ADMIN')")
	@Operation(summary = "Your organization's quiet hours (404 when none are set)")
	QuietHoursView organizationQuietHours(@AuthenticationPrincipal AuthenticatedUser caller) {
		return this.routes.organizationQuietHours(caller.orgId())
			.map(QuietHoursView::of)
			.orElseThrow(RoutingProblems::quietHoursNotFound);
	}

	@PutMapping("/api/v1/message-routes/quiet-hours")
	@PreAuthorize("hasRole('ADMIN')")
	@Operation(summary = "Set your organization's quiet hours, e.g. 22:00-08:00 Asia/Shanghai")
	QuietHoursView setOrganizationQuietHours(@AuthenticationPrincipal AuthenticatedUser caller,
			@RequestBody @Nullable JsonNode body) {
		return QuietHoursView.of(this.routes.setOrganizationQuietHours(caller.orgId(), quietHours(body)));
	}

	@DeleteMapping("/api/v1/message-routes/quiet-hours")
	@PreAuthorize("hasRole('ADMIN')")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@Operation(summary = "Remove your organization's quiet hours")
	void deleteOrganizationQuietHours(@AuthenticationPrincipal AuthenticatedUser caller) {
		this.routes.deleteOrganizationQuietHours(caller.orgId());
	}

	@GetMapping("/api/v1/users/me/quiet-hours")
	@Operation(summary = "Your own quiet hours, which replace your organization's (404 when you set none)")
	QuietHoursView userQuietHours(@AuthenticationPrincipal AuthenticatedUser caller) {
		return this.routes.userQuietHours(caller.orgId(), caller.userId())
			.map(QuietHoursView::of)
			.orElseThrow(RoutingProblems::quietHoursNotFound);
	}

	@PutMapping("/api/v1/users/me/quiet-hours")
	@Operation(summary = "Set your own quiet hours; enabled=false switches your organization's off for you")
	QuietHoursView setUserQuietHours(@AuthenticationPrincipal AuthenticatedUser caller,
			@RequestBody @Nullable JsonNode body) {
		return QuietHoursView.of(this.routes.setUserQuietHours(caller.orgId(), caller.userId(), quietHours(body)));
	}

	@DeleteMapping("/api/v1/users/me/quiet-hours")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@Operation(summary = "Remove your own quiet hours (your organization's apply again)")
	void deleteUserQuietHours(@AuthenticationPrincipal AuthenticatedUser caller) {
		this.routes.deleteUserQuietHours(caller.orgId(), caller.userId());
	}

	@GetMapping("/api/v1/users/me/notification-preferences")
	@Operation(summary = "Your channel switches: defaults per channel and overrides per category")
	PreferencesView preferences(@AuthenticationPrincipal AuthenticatedUser caller) {
		return PreferencesView.of(this.routes.preferences(caller.userId()));
	}

	@PutMapping("/api/v1/users/me/notification-preferences")
	@Operation(summary = "Replace your channel switches; WEBSOCKET stays on for URGENT messages whatever they say")
	PreferencesView setPreferences(@AuthenticationPrincipal AuthenticatedUser caller,
			@RequestBody @Nullable JsonNode body) {
		return PreferencesView.of(this.routes.setPreferences(caller.userId(), preferences(body)));
	}

	private static QuietHours quietHours(@Nullable JsonNode body) {
		RouteJson reader = new RouteJson();
		if (!reader.object(body, "body")) {
			RoutingProblems.rejectIfAny(reader.problems());
		}
		reader.known(body, "", "enabled", "start", "end", "zone");
		Boolean enabled = reader.bool(body.get("enabled"), "enabled");
		TimeWindow window = reader.windowFields(body, "");
		RoutingProblems.rejectIfAny(reader.problems());
		if (window == null) {
			throw new IllegalStateException("A window without problems was not read");
		}
		return new QuietHours((enabled != null) ? enabled : true, window);
	}

	private static NotificationPreferences preferences(@Nullable JsonNode body) {
		RouteJson reader = new RouteJson();
		if (!reader.object(body, "body")) {
			RoutingProblems.rejectIfAny(reader.problems());
		}
		reader.known(body, "", "channels", "categories");
		Map<Channel, Boolean> channels = switches(reader, body.get("channels"), "channels");
		Map<String, Map<Channel, Boolean>> categories = new TreeMap<>();
		JsonNode byCategory = body.get("categories");
		if (byCategory != null && !byCategory.isNull() && reader.object(byCategory, "categories")) {
			for (String category : byCategory.propertyNames()) {
				String field = "categories." + category;
				if (category.isBlank() || category.length() > 50) {
					reader.problems().add(new FieldProblem(field, "a category has 1-50 characters"));
					continue;
				}
				categories.put(category.toUpperCase(Locale.ROOT), switches(reader, byCategory.get(category), field));
			}
		}
		RoutingProblems.rejectIfAny(reader.problems());
		return new NotificationPreferences(channels, categories);
	}

	private static Map<Channel, Boolean> switches(RouteJson reader, @Nullable JsonNode node, String field) {
		Map<Channel, Boolean> switches = new EnumMap<>(Channel.class);
		if (node == null || node.isNull() || !reader.object(node, field)) {
			return switches;
		}
		for (String name : node.propertyNames()) {
			Channel channel = reader.constant(tools.jackson.databind.node.JsonNodeFactory.instance.stringNode(name),
					field + "." + name, Channel.class);
			Boolean enabled = reader.bool(node.get(name), field + "." + name);
			if (channel != null && enabled != null) {
				switches.put(channel, enabled);
			}
			else if (channel != null && node.get(name).isNull()) {
				reader.problems().add(new FieldProblem(field + "." + name, "must be true or false"));
			}
		}
		return switches;
	}

	/**
	 * Quiet hours as the API shows them.
	 */
	record QuietHoursView(boolean enabled, String start, String end, String zone) {

		static QuietHoursView of(QuietHours hours) {
			return new QuietHoursView(hours.enabled(), hours.window().start().toString(),
					hours.window().end().toString(), hours.window().zone().getId());
		}

	}

	/**
	 * Preferences as the API shows them: every channel's default (true unless turned off)
	 * and the per-category overrides.
	 */
	record PreferencesView(Map<Channel, Boolean> channels, Map<String, Map<Channel, Boolean>> categories, String note) {

		static PreferencesView of(NotificationPreferences preferences) {
			Map<Channel, Boolean> channels = new EnumMap<>(Channel.class);
			for (Channel channel : Channel.values()) {
				channels.put(channel, preferences.channels().getOrDefault(channel, true));
			}
			return new PreferencesView(channels, preferences.categories(),
					"The inbox is always on, and WEBSOCKET is on for URGENT messages whatever these say.");
		}

	}

}
