package io.orderpulse.identity;

import io.orderpulse.platform.Problems;

import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/**
 * A caller tried to grant a role it may not grant ({@link Role#grantableBy}), or to
 * manage a user who holds one. Nothing was changed.
 */
public class RoleNotGrantable extends ErrorResponseException {

	private RoleNotGrantable(String detail) {
		super(HttpStatus.FORBIDDEN,
				Problems.detail(HttpStatus.FORBIDDEN, "role-not-grantable", "Role not grantable", detail), null);
	}

	static RoleNotGrantable grant(Role role) {
		return new RoleNotGrantable("You may not grant the role " + role.name() + (role == Role.PLATFORM_ADMIN
				? ": platform administrators come only from the bootstrap configuration." : "."));
	}

	static RoleNotGrantable manage(long userId, Role role) {
		return new RoleNotGrantable("User " + userId + " holds the role " + role.name()
				+ ", which you may not grant, so you may not change it.");
	}

}
