package io.orderpulse.payment.web;

import io.orderpulse.identity.AuthenticatedUser;
import io.orderpulse.payment.Points;
import io.orderpulse.payment.PointsAccount;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The caller's points account.
 */
@RestController
@RequestMapping("/api/v1/points")
@Tag(name = "Payments")
@SecurityRequirement(name = "bearer")
class PointsController {

	private final Points points;

	PointsController(Points points) {
		this.points = points;
	}

	@GetMapping("/me")
	@Operation(summary = "Your points balance and latest movements (newest first)")
	PointsAccount me(@AuthenticationPrincipal AuthenticatedUser user) {
		return this.points.of(user);
	}

}
