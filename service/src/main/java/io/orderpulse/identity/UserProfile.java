package io.orderpulse.identity;

import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * A user as the user (or the admin who created them) sees it: the {@link UserSummary
 * summary} plus the contact details.
 *
 * @param id the user's id
 * @param username the login name
 * @param displayName the name shown to people
 * @param roles the user's roles
 * @param orgId the user's organization
 * @param shopId the merchant's shop, if any
 * @param email the email address, if any
 * @param phone the phone number in E.164, if any
 */
public record UserProfile(long id, String username, String displayName, Set<Role> roles, long orgId,
		@Nullable Long shopId, @Nullable String email, @Nullable String phone) {

}
