package io.orderpulse.realtime.web;

import java.util.List;
import java.util.UUID;

import io.orderpulse.identity.AuthenticatedUser;
import io.orderpulse.identity.NotFound;
import io.orderpulse.identity.Role;
import io.orderpulse.identity.UserAccounts;
import io.orderpulse.platform.Problems;
import io.orderpulse.realtime.Presence;
import io.orderpulse.realtime.internal.EventStore;
import io.orderpulse.realtime.internal.EventStore.EventState;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Realtime")
@SecurityRequirement(name = "bearer")
class RealtimeController {

	private final Presence presence;

	private final EventStore events;

	private final UserAccounts accounts;

	RealtimeController(Presence presence, EventStore events, UserAccounts accounts) {
		this.presence = presence;
		this.events = events;
		this.accounts = accounts;
	}

	@GetMapping("/api/v1/presence/{userId}")
	@Operation(summary = "Whether a user of the caller's organization is connected")
	UserPresence presenceOf(@AuthenticationPrincipal AuthenticatedUser caller, @PathVariable long userId) {
		this.accounts.findInOrganization(caller.orgId(), userId).orElseThrow(() -> NotFound.user(userId));
		int sessions = this.presence.sessions(userId);
		return new UserPresence(userId, sessions > 0, sessions);
	}

	@GetMapping("/api/v1/presence")
	@PreAuthorize("hasRole('ADMIN')")
	@Operation(summary = "The connected users of the admin's organization")
	List<UserPresence> online(@AuthenticationPrincipal AuthenticatedUser caller) {
		return this.presence.online(caller.orgId())
			.entrySet()
			.stream()
			.map((entry) -> new UserPresence(entry.getKey(), true, entry.getValue()))
			.toList();
	}

	@GetMapping("/api/v1/realtime/events/{eventId}")
	@Operation(summary = "Delivery state of one event",
			description = "For its recipient and the admins of the recipient's organization. "
					+ "status: STORED (not yet written to a session), SENT (written to an acknowledging subscription, awaiting ACK), DELIVERED.")
	EventState event(@AuthenticationPrincipal AuthenticatedUser caller, @PathVariable UUID eventId) {
		EventState state = this.events.find(eventId).orElseThrow(() -> eventNotFound(eventId));
		boolean recipient = state.userId() == caller.userId();
		boolean admin = caller.hasRole(Role.ADMIN)
				&& this.accounts.findInOrganization(caller.orgId(), state.userId()).isPresent();
		if (!recipient && !admin) {
			throw eventNotFound(eventId);
		}
		return state;
	}

	private static ErrorResponseException eventNotFound(UUID eventId) {
		return new ErrorResponseException(HttpStatus.NOT_FOUND, Problems.detail(HttpStatus.NOT_FOUND, "event-not-found",
				"Event not found", "There is no event " + eventId + " for you."), null);
	}

	record UserPresence(long userId, boolean online, int sessions) {
	}

}
