package io.orderpulse.admin.web;

import java.net.URI;
import java.util.Set;

import io.orderpulse.catalog.Catalog;
import io.orderpulse.identity.AcceptablePassword;
import io.orderpulse.identity.AuthenticatedUser;
import io.orderpulse.identity.NewUser;
import io.orderpulse.identity.Role;
import io.orderpulse.identity.UserAccounts;
import io.orderpulse.identity.UserProfile;
import io.orderpulse.identity.UserSummary;
import io.orderpulse.identity.Usernames;
import io.orderpulse.platform.Problems;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Shops and users of the admin's organization; ADMIN only. Everything is created in the
 * caller's organization: a shop of another organization is not found.
 */
@RestController
@RequestMapping("/api/v1/admin")
@PreAuthorize("hasRole('ADMIN')")
@Tag(name = "Administration")
@SecurityRequirement(name = "bearer")
class AdminController {

	private final Catalog catalog;

	private final UserAccounts accounts;

	AdminController(Catalog catalog, UserAccounts accounts) {
		this.catalog = catalog;
		this.accounts = accounts;
	}

	@PostMapping("/shops")
	@Operation(summary = "Open a shop in the admin's organization")
	ResponseEntity<Shop> createShop(@AuthenticationPrincipal AuthenticatedUser admin,
			@Valid @RequestBody CreateShopRequest request) {
		String name = request.name().strip();
		long shopId = this.catalog.openShop(admin.orgId(), name);
		return ResponseEntity.created(URI.create("/api/v1/products?shopId=" + shopId))
			.body(new Shop(shopId, admin.orgId(), name));
	}

	@PostMapping("/users")
	@Operation(summary = "Create a user in the admin's organization",
			description = "A MERCHANT needs the shopId of a shop of the organization; other roles take none. "
					+ "email (an address) and phone (E.164, such as +8613800000000) are optional.")
	ResponseEntity<UserProfile> createUser(@AuthenticationPrincipal AuthenticatedUser admin,
			@Valid @RequestBody CreateUserRequest request) {
		Long shopId = request.shopId();
		if (request.roles().contains(Role.MERCHANT) && shopId == null) {
			throw Problems.invalidField("shopId", "is required for a MERCHANT");
		}
		if (shopId != null && !request.roles().contains(Role.MERCHANT)) {
			throw Problems.invalidField("shopId", "is only for a MERCHANT");
		}
		if (shopId != null && !this.catalog.hasShop(admin.orgId(), shopId)) {
			throw Problems.invalidField("shopId", "no such shop in your organization");
		}
		String displayName = (request.displayName() != null && !request.displayName().isBlank())
				? request.displayName().strip() : request.username();
		UserSummary user = this.accounts.create(new NewUser(admin.orgId(), request.username(), request.password(),
				displayName, Set.copyOf(request.roles()), shopId, request.email(), request.phone()));
		UserProfile profile = this.accounts.profile(user.id()).orElseThrow();
		return ResponseEntity.status(HttpStatus.CREATED).body(profile);
	}

	record CreateShopRequest(@NotBlank @Size(max = 100, message = "must be at most 100 characters") String name) {
	}

	/**
	 * The username is validated in NFKC, the form it is stored in.
	 */
	record CreateUserRequest(
			@NotNull @Pattern(regexp = "[A-Za-z0-9_.-]{3,32}", message = Usernames.RULE) String username,
			@NotNull @AcceptablePassword String password,
			@Size(max = 64, message = "must be at most 64 characters") @Nullable String displayName,
			@NotEmpty(message = "must name at least one of BUYER, MERCHANT, ADMIN") Set<@NotNull Role> roles,
			@Nullable Long shopId, @Nullable String email, @Nullable String phone) {

		CreateUserRequest {
			username = Usernames.canonical(username);
		}

	}

	record Shop(long shopId, long orgId, String name) {
	}

}
