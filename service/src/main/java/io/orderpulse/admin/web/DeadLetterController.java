package io.orderpulse.admin.web;

import java.time.Instant;
import java.util.List;

import io.orderpulse.identity.AuthenticatedUser;
import io.orderpulse.platform.broker.BrokerSettings;
import io.orderpulse.platform.broker.DeadLetter;
import io.orderpulse.platform.broker.DeadLetters;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The dead letters of the admin's organization (broker mode only): messages that failed
 * every attempt on a work queue, and their replay.
 */
@RestController
@RequestMapping("/api/v1/admin/dead-letters")
@PreAuthorize("hasRole('ADMIN')")
@ConditionalOnExpression(BrokerSettings.ON_BROKER)
@Tag(name = "Administration")
@SecurityRequirement(name = "bearer")
class DeadLetterController {

	private final DeadLetters deadLetters;

	DeadLetterController(DeadLetters deadLetters) {
		this.deadLetters = deadLetters;
	}

	@GetMapping
	@Operation(summary = "List the organization's dead letters not yet replayed, oldest first")
	List<DeadLetter> list(@AuthenticationPrincipal AuthenticatedUser admin) {
		return this.deadLetters.list(admin.orgId());
	}

	@PostMapping("/{id}/replay")
	@ResponseStatus(HttpStatus.ACCEPTED)
	@Operation(summary = "Publish a dead letter back to its work queue",
			description = "If it fails again it becomes a new dead letter.")
	Replayed replay(@AuthenticationPrincipal AuthenticatedUser admin, @PathVariable long id) {
		return new Replayed(id, this.deadLetters.replay(admin.orgId(), id));
	}

	record Replayed(long id, Instant replayedAt) {
	}

}
