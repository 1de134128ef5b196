package io.orderpulse.admin.web;

import java.net.URI;
import java.util.Set;

import io.orderpulse.catalog.Catalog;
import io.orderpulse.identity.AcceptablePassword;
import io.orderpulse.identity.AuthenticatedUser;
import io.orderpulse.identity.ManagedUser;
import io.orderpulse.identity.NewUser;
import io.orderpulse.identity.Role;
import io.orderpulse.identity.UserAdministration;
import io.orderpulse.identity.UserProfile;
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
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Shops and users of the admin's organization; ADMIN only. Everything is created and
 * managed in the caller's organization: a shop or user of another organization is not
 * found. No request grants a role the caller may not grant (PLATFORM_ADMIN never).
 */
@RestController
@RequestMapping("/api/v1/admin")
@PreAuthorize("hasRole('ADMIN')")
@Tag(name = "Administration")
@SecurityRequirement(name = "bearer")
class AdminController {

	private final Catalog catalog;

	private final UserAdministration users;

	AdminController(Catalog catalog, UserAdministration users) {
		this.catalog = catalog;
		this.users = users;
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
		Long shopId = checkedShop(admin, request.roles(), request.shopId());
		String displayName = (request.displayName() != null && !request.displayName().isBlank())
				? request.displayName().strip() : request.username();
		UserProfile profile = this.users.create(admin,
				new NewUser(admin.orgId(), request.username(), request.password(), displayName,
						Set.copyOf(request.roles()), shopId, request.email(), request.phone()));
		return ResponseEntity.status(HttpStatus.CREATED).body(profile);
	}

	@PostMapping("/users/{userId}/disable")
	@Operation(summary = "Disable a user of the admin's organization",
			description = "The user cannot log in, and every token of the user is refused at once "
					+ "(401 token-revoked); its live WebSocket sessions are closed.")
	ManagedUser disableUser(@AuthenticationPrincipal AuthenticatedUser admin, @PathVariable long userId) {
		return this.users.disable(admin, userId);
	}

	@PostMapping("/users/{userId}/enable")
	@Operation(summary = "Enable a disabled user again", description = "Tokens issued before stay revoked.")
	ManagedUser enableUser(@AuthenticationPrincipal AuthenticatedUser admin, @PathVariable long userId) {
		return this.users.enable(admin, userId);
	}

	@DeleteMapping("/users/{userId}")
	@Operation(summary = "Delete a user of the admin's organization",
			description = "A soft delete: the user is disabled and no longer found, its tokens are refused at once, "
					+ "its orders and messages stay, and its username stays taken.")
	ResponseEntity<Void> deleteUser(@AuthenticationPrincipal AuthenticatedUser admin, @PathVariable long userId) {
		this.users.delete(admin, userId);
		return ResponseEntity.noContent().build();
	}

	@PutMapping("/users/{userId}/roles")
	@Operation(summary = "Replace a user's roles",
			description = "Only roles the caller may grant; a MERCHANT needs the shopId of a shop of the organization "
					+ "(or keeps its shop). The user's tokens, which carry the old roles, are refused at once.")
	ManagedUser changeRoles(@AuthenticationPrincipal AuthenticatedUser admin, @PathVariable long userId,
			@Valid @RequestBody ChangeRolesRequest request) {
		Long shopId = request.shopId();
		if (request.roles().contains(Role.MERCHANT) && shopId == null) {
			shopId = this.users.user(admin, userId).shopId();
		}
		return this.users.changeRoles(admin, userId, Set.copyOf(request.roles()),
				checkedShop(admin, request.roles(), shopId));
	}

	/**
	 * The shop of a MERCHANT, which must be a shop of the admin's organization; other
	 * roles take none.
	 */
	private @Nullable Long checkedShop(AuthenticatedUser admin, Set<Role> roles, @Nullable Long shopId) {
		if (roles.contains(Role.MERCHANT) && shopId == null) {
			throw Problems.invalidField("shopId", "is required for a MERCHANT");
		}
		if (shopId != null && !roles.contains(Role.MERCHANT)) {
			throw Problems.invalidField("shopId", "is only for a MERCHANT");
		}
		if (shopId != null && !this.catalog.hasShop(admin.orgId(), shopId)) {
			throw Problems.invalidField("shopId", "no such shop in your organization");
		}
		return shopId;
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

	record ChangeRolesRequest(
			@NotEmpty(message = "must name at least one of BUYER, MERCHANT, ADMIN") Set<@NotNull Role> roles,
			@Nullable Long shopId) {
	}

	record Shop(long shopId, long orgId, String name) {
	}

}
