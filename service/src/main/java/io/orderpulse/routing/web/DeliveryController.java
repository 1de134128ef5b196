package io.orderpulse.routing.web;

import java.util.List;

import io.orderpulse.identity.AuthenticatedUser;
import io.orderpulse.routing.Deliveries;
import io.orderpulse.routing.Delivery;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Delivery records, for the organization's admins: a message's channel deliveries, the
 * pending ones, and cancelling one.
 */
@RestController
@PreAuthorize("hasRole('ADMIN')")
@Tag(name = "Message routing")
@SecurityRequirement(name = "bearer")
class DeliveryController {

	private final Deliveries deliveries;

	DeliveryController(Deliveries deliveries) {
		this.deliveries = deliveries;
	}

	@GetMapping("/api/v1/messages/{messageId}/deliveries")
	@Operation(summary = "A message's delivery records: one per recipient and channel")
	List<Delivery> ofMessage(@AuthenticationPrincipal AuthenticatedUser caller, @PathVariable long messageId) {
		return this.deliveries.ofMessage(caller.orgId(), messageId);
	}

	@GetMapping("/api/v1/message-deliveries/pending")
	@Operation(summary = "Your organization's pending deliveries (held, delayed or waiting for a retry), soonest first")
	List<Delivery> pending(@AuthenticationPrincipal AuthenticatedUser caller,
			@RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit) {
		return this.deliveries.pending(caller.orgId(), limit);
	}

	@PostMapping("/api/v1/message-deliveries/{id}/cancel")
	@Operation(summary = "Cancel a pending delivery (the message stays in the inbox)")
	Delivery cancel(@AuthenticationPrincipal AuthenticatedUser caller, @PathVariable long id) {
		return this.deliveries.cancel(caller.orgId(), id);
	}

}
