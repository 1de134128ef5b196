package io.orderpulse.identity.web;

import java.net.URI;
import java.time.Duration;

import io.orderpulse.identity.AccessToken;
import io.orderpulse.identity.AccessTokens;
import io.orderpulse.identity.AuthenticatedUser;
import io.orderpulse.identity.UserAccounts;
import io.orderpulse.identity.UserSummary;
import io.orderpulse.identity.internal.LoginThrottle;
import io.orderpulse.platform.Problems;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/auth")
@Tag(name = "Authentication")
class AuthController {

	private final UserAccounts accounts;

	private final AccessTokens tokens;

	private final LoginThrottle throttle;

	AuthController(UserAccounts accounts, AccessTokens tokens, LoginThrottle throttle) {
		this.accounts = accounts;
		this.tokens = tokens;
		this.throttle = throttle;
	}

	@PostMapping("/register")
	@Operation(summary = "Register a buyer account in the default organization")
	ResponseEntity<UserSummary> register(@Valid @RequestBody RegisterRequest request) {
		String displayName = (request.displayName() == null || request.displayName().isBlank()) ? request.username()
				: request.displayName().strip();
		UserSummary user = this.accounts.register(request.username(), request.password(), displayName);
		return ResponseEntity.created(URI.create("/api/v1/users/" + user.id())).body(user);
	}

	@PostMapping("/login")
	@Operation(summary = "Exchange a username and password for an access token",
			description = "Attempts are limited per username and client address; over the limit the answer is 429 with Retry-After.")
	LoginResponse login(@Valid @RequestBody LoginRequest request, HttpServletRequest http) {
		Duration wait = this.throttle.tryAttempt(request.username(), http.getRemoteAddr());
		if (!wait.isZero()) {
			throw tooManyAttempts(wait);
		}
		UserSummary user = this.accounts.authenticate(request.username(), request.password())
			.orElseThrow(AuthController::badCredentials);
		AccessToken token = this.tokens.issue(user);
		return new LoginResponse(token.value(), "Bearer", token.expiresIn().toSeconds(), user);
	}

	@PostMapping("/logout")
	@Operation(summary = "End the caller's login session",
			description = "The access token is refused from now on (401 token-revoked) on every node, and the live "
					+ "WebSocket sessions opened with it are closed; the user's other sessions go on.")
	@SecurityRequirement(name = "bearer")
	ResponseEntity<Void> logout(@AuthenticationPrincipal AuthenticatedUser caller) {
		this.tokens.endSession(caller);
		return ResponseEntity.noContent().build();
	}

	private static ErrorResponseException badCredentials() {
		return new ErrorResponseException(HttpStatus.UNAUTHORIZED, Problems.detail(HttpStatus.UNAUTHORIZED,
				"bad-credentials", "Bad credentials", "The username or password is not right."), null);
	}

	private static ErrorResponseException tooManyAttempts(Duration wait) {
		return Problems.tooManyRequests("too-many-login-attempts", "Too many login attempts",
				"Too many login attempts for this user from your address", wait);
	}

	record RegisterRequest(
			@NotNull @Pattern(regexp = "[A-Za-z0-9_.-]{3,32}",
					message = "must be 3-32 characters of letters, digits, '_', '.' or '-'") String username,
			@NotNull @Size(min = 8, max = 128, message = "must be 8-128 characters") String password,
			@Size(max = 64, message = "must be at most 64 characters") @Nullable String displayName) {
	}

	record LoginRequest(@NotBlank @Size(max = 64) String username, @NotBlank @Size(max = 128) String password) {
	}

	record LoginResponse(String accessToken, String tokenType, long expiresIn, UserSummary user) {
	}

}
