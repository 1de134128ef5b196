package io.orderpulse.identity;

import java.util.Set;

/**
 * What a user may do. A MERCHANT belongs to a shop; an ADMIN administers its
 * organization; a PLATFORM_ADMIN (together with ADMIN) operates the platform and may
 * address every organization's users, such as a message to ALL_USERS. An ADMIN grants
 * BUYER, MERCHANT and ADMIN in its organization; no API grants PLATFORM_ADMIN: only the
 * bootstrap configuration creates platform administrators.
 */
public enum Role {

	BUYER, MERCHANT, ADMIN, PLATFORM_ADMIN;

	/**
	 * The Spring Security authority of this role.
	 */
	public String authority() {
		return "ROLE_" + name();
	}

	/**
	 * Whether a caller holding {@code callerRoles} may grant this role (or manage a user
	 * who holds it): nobody may grant a role above its own, and PLATFORM_ADMIN is never
	 * granted through the API.
	 */
	public boolean grantableBy(Set<Role> callerRoles) {
		return switch (this) {
			case BUYER, MERCHANT, ADMIN -> callerRoles.contains(ADMIN);
			case PLATFORM_ADMIN -> false;
		};
	}

}
