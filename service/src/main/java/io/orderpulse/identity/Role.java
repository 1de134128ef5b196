package io.orderpulse.identity;

/**
 * What a user may do. A MERCHANT belongs to a shop; an ADMIN administers its
 * organization; a PLATFORM_ADMIN (together with ADMIN) operates the platform and may
 * address every organization's users, such as a message to ALL_USERS. No API grants
 * roles: operators create platform administrators.
 */
public enum Role {

	BUYER, MERCHANT, ADMIN, PLATFORM_ADMIN;

	/**
	 * The Spring Security authority of this role.
	 */
	public String authority() {
		return "ROLE_" + name();
	}

}
