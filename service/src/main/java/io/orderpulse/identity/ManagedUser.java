package io.orderpulse.identity;

import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * A user as its organization's administrators see it.
 *
 * @param id the user's id
 * @param username the login name
 * @param displayName the name shown to people
 * @param roles the user's roles
 * @param orgId the user's organization
 * @param shopId the merchant's shop, if any
 * @param email the email address, if any
 * @param phone the phone number, if any
 * @param disabled whether the user is disabled (cannot log in, no token works)
 */
public record ManagedUser(long id, String username, String displayName, Set<Role> roles, long orgId,
		@Nullable Long shopId, @Nullable String email, @Nullable String phone, boolean disabled) {
}
