package io.orderpulse.identity.web;

import java.net.URI;
import java.time.Duration;

import io.orderpulse.identity.AcceptablePassword;
import io.orderpulse.identity.AccessToken;
import io.orderpulse.identity.AccessTokens;
import io.orderpulse.identity.AuthenticatedUser;
import io.orderpulse.identity.UserAccounts;
import io.orderpulse.identity.UserSummary;
import io.orderpulse.identity.Usernames;
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
	@Operation(summary = "Register a buyer account in the default organization",
			description = "The username is stored in Unicode NFKC and compared regardless of case; the password needs "
					+ "10 characters, at most 256 bytes of UTF-8, and is not one of the most common passwords. "
					+ "Registrations are limited per client address; over the limit the answer is 429 with Retry-After.")
	ResponseEntity<UserSummary> register(@Valid @RequestBody RegisterRequest request, HttpServletRequest http) {
		Duration wait = this.throttle.tryRegistration(http.getRemoteAddr());
		if (!wait.isZero()) {
			throw Problems.tooManyRequests("too-many-registrations", "Too many registrations",
					"Too many registrations from your address", wait);
		}
		String displayName = (request.displayName() == null || request.displayName().isBlank()) ? request.username()
				: request.displayName().strip();
		UserSummary user = this.accounts.register(request.username(), request.password(), displayName);
		return ResponseEntity.created(URI.create("/api/v1/users/" + user.id())).body(user);
	}

	@PostMapping("/login")
	@Operation(summary = "Exchange a username and password for an access token",
			description = "Attempts are limited per username and client address; over the limit the answer is 429 with Retry-After.")
	LoginResponse login(@Valid @RequestBody LoginRequest request, HttpServletRequest http) {
		String username = Usernames.key(request.username());
		if (!Usernames.isValid(username)) {
			// no user has such a name (in its normal form): nothing to guess, nothing to
			// hash
			throw badCredentials();
		}
		Duration wait = this.throttle.tryAttempt(username, http.getRemoteAddr());
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

	/**
	 * The username is validated in NFKC, the form it is stored in.
	 */
	record RegisterRequest(@NotNull @Pattern(regexp = "[A-Za-z0-9_.-]{3,32}", message = Usernames.RULE) String username,
			@NotNull @AcceptablePassword String password,
			@Size(max = 64, message = "must be at most 64 characters") @Nullable String displayName) {

		RegisterRequest {
			username = Usernames.canonical(username);
		}

	}

	record LoginRequest(@NotBlank @Size(max = 64) String username, @NotBlank @Size(max = 256) String password) {
	}

	record LoginResponse(String accessToken, String tokenType, long expiresIn, UserSummary user) {
	}

}
