package io.orderpulse.identity.web;

import io.orderpulse.identity.AuthenticatedUser;
import io.orderpulse.identity.NotFound;
import io.orderpulse.identity.UserAccounts;
import io.orderpulse.identity.UserSummary;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/users")
@Tag(name = "Users")
@SecurityRequirement(name = "bearer")
class UserController {

	private final UserAccounts accounts;

	UserController(UserAccounts accounts) {
		this.accounts = accounts;
	}

	@GetMapping("/me")
	@Operation(summary = "The user the access token belongs to")
	UserSummary me(@AuthenticationPrincipal AuthenticatedUser caller) {
		return this.accounts.find(caller.userId()).orElseThrow(() -> NotFound.user(caller.userId()));
	}

}
