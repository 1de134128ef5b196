package io.orderpulse.identity.internal;

import java.util.Set;

import io.orderpulse.identity.ManagedUser;
import io.orderpulse.identity.Role;
import io.orderpulse.identity.UserContact;
import io.orderpulse.identity.UserProfile;
import io.orderpulse.identity.UserSummary;
import org.jspecify.annotations.Nullable;

/**
 * A stored user, password hash included; never leaves the module. A disabled or deleted
 * user cannot log in; a deleted one stays as a row (orders and messages refer to it) and
 * keeps its username taken.
 */
public record UserAccount(long id, long orgId, String username, String passwordHash, String displayName,
		Set<Role> roles, @Nullable Long shopId, @Nullable String email, @Nullable String phone, boolean disabled,
		boolean deleted) {

	/**
	 * A new user: enabled.
	 */
	public UserAccount(long id, long orgId, String username, String passwordHash, String displayName, Set<Role> roles,
			@Nullable Long shopId, @Nullable String email, @Nullable String phone) {
		this(id, orgId, username, passwordHash, displayName, roles, shopId, email, phone, false, false);
	}

	public boolean canLogIn() {
		return !this.disabled && !this.deleted;
	}

	public UserSummary summary() {
		return new UserSummary(this.id, this.username, this.displayName, this.roles, this.orgId, this.shopId);
	}

	public UserProfile profile() {
		return new UserProfile(this.id, this.username, this.displayName, this.roles, this.orgId, this.shopId,
				this.email, this.phone);
	}

	public ManagedUser managed() {
		return new ManagedUser(this.id, this.username, this.displayName, this.roles, this.orgId, this.shopId,
				this.email, this.phone, this.disabled);
	}

	public UserContact contact() {
		return new UserContact(this.id, this.orgId, this.username, this.displayName, this.email, this.phone);
	}

}
