package io.orderpulse.identity.web;

import io.orderpulse.identity.AuthenticatedUser;
import io.orderpulse.identity.NotFound;
import io.orderpulse.identity.UserAccounts;
import io.orderpulse.identity.UserProfile;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
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
	@Operation(summary = "The user the access token belongs to, with email and phone")
	UserProfile me(@AuthenticationPrincipal AuthenticatedUser caller) {
		return this.accounts.profile(caller.userId()).orElseThrow(() -> NotFound.user(caller.userId()));
	}

	@PutMapping("/me/contact")
	@Operation(summary = "Replace the caller's email address and phone number",
			description = "Both are optional: a missing, null or blank value removes it. The email must be an address "
					+ "such as alice@example.com, the phone a number in E.164 form such as +8613800000000; "
					+ "otherwise 400 naming the field and nothing changes. Message routing sends EMAIL and SMS "
					+ "to these.")
	UserProfile changeContact(@AuthenticationPrincipal AuthenticatedUser caller, @RequestBody ContactRequest request) {
		return this.accounts.changeContact(caller.userId(), request.email(), request.phone());
	}

	record ContactRequest(@Nullable String email, @Nullable String phone) {
	}

}
