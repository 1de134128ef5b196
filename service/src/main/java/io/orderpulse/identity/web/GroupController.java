package io.orderpulse.identity.web;

import java.net.URI;
import java.util.List;

import io.orderpulse.identity.AuthenticatedUser;
import io.orderpulse.identity.GroupMember;
import io.orderpulse.identity.UserGroup;
import io.orderpulse.identity.UserGroups;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * User groups of the caller's organization; ADMIN only. Groups and users of other
 * organizations answer 404.
 */
@RestController
@RequestMapping("/api/v1/groups")
@PreAuthorize("hasRole('ADMIN')")
@Tag(name = "User groups")
@SecurityRequirement(name = "bearer")
class GroupController {

	private final UserGroups groups;

	GroupController(UserGroups groups) {
		this.groups = groups;
	}

	@PostMapping
	@Operation(summary = "Create a group in the admin's organization")
	ResponseEntity<UserGroup> create(@AuthenticationPrincipal AuthenticatedUser caller,
			@Valid @RequestBody CreateGroupRequest request) {
		UserGroup group = this.groups.create(caller.orgId(), request.name().strip(), request.description());
		return ResponseEntity.created(URI.create("/api/v1/groups/" + group.id())).body(group);
	}

	@GetMapping
	@Operation(summary = "List the groups of the admin's organization")
	List<UserGroup> list(@AuthenticationPrincipal AuthenticatedUser caller) {
		return this.groups.list(caller.orgId());
	}

	@GetMapping("/{groupId}")
	@Operation(summary = "A group with its members")
	GroupDetails get(@AuthenticationPrincipal AuthenticatedUser caller, @PathVariable long groupId) {
		return new GroupDetails(this.groups.get(caller.orgId(), groupId), this.groups.members(caller.orgId(), groupId));
	}

	@PostMapping("/{groupId}/members/{userId}")
	@Operation(summary = "Add a user of the organization to a group (idempotent)")
	ResponseEntity<Void> addMember(@AuthenticationPrincipal AuthenticatedUser caller, @PathVariable long groupId,
			@PathVariable long userId) {
		this.groups.addMember(caller.orgId(), groupId, userId);
		return ResponseEntity.noContent().build();
	}

	@DeleteMapping("/{groupId}/members/{userId}")
	@Operation(summary = "Remove a member from a group")
	ResponseEntity<Void> removeMember(@AuthenticationPrincipal AuthenticatedUser caller, @PathVariable long groupId,
			@PathVariable long userId) {
		this.groups.removeMember(caller.orgId(), groupId, userId);
		return ResponseEntity.noContent().build();
	}

	record CreateGroupRequest(@NotBlank @Size(max = 100) String name, @Size(max = 500) @Nullable String description) {
	}

	record GroupDetails(UserGroup group, List<GroupMember> members) {
	}

}
