package io.orderpulse.identity;

import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * A user as the API shows it.
 *
 * @param id the user's id
 * @param username the login name
 * @param displayName the name shown to people
 * @param roles the user's roles
 * @param orgId the user's organization
 * @param shopId the merchant's shop, if any
 */
public record UserSummary(long id, String username, String displayName, Set<Role> roles, long orgId,
		@Nullable Long shopId) {

}
