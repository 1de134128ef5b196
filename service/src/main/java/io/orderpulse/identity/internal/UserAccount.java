package io.orderpulse.identity.internal;

import java.util.Set;

import io.orderpulse.identity.Role;
import io.orderpulse.identity.UserContact;
import io.orderpulse.identity.UserProfile;
import io.orderpulse.identity.UserSummary;
import org.jspecify.annotations.Nullable;

/**
 * A stored user, password hash included; never leaves the module.
 */
public record UserAccount(long id, long orgId, String username, String passwordHash, String displayName,
		Set<Role> roles, @Nullable Long shopId, @Nullable String email, @Nullable String phone) {

	public UserSummary summary() {
		return new UserSummary(this.id, this.username, this.displayName, this.roles, this.orgId, this.shopId);
	}

	public UserProfile profile() {
		return new UserProfile(this.id, this.username, this.displayName, this.roles, this.orgId, this.shopId,
				this.email, this.phone);
	}

	public UserContact contact() {
		return new UserContact(this.id, this.orgId, this.username, this.displayName, this.email, this.phone);
	}

}
