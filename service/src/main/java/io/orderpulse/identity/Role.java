package io.orderpulse.identity;

/**
 * What a user may do. A MERCHANT belongs to a shop; an ADMIN administers its
 * organization.
 */
public enum Role {

	BUYER, MERCHANT, ADMIN;

	/**
	 * The Spring Security authority of this role.
	 */
	public String authority() {
		return "ROLE_" + name();
	}

}
