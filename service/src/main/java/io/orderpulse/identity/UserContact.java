package io.orderpulse.identity;

import org.jspecify.annotations.Nullable;

/**
 * Where a user can be reached outside the application: what message routing's email and
 * SMS channels need.
 *
 * @param id the user's id
 * @param orgId the user's organization
 * @param username the login name
 * @param displayName the name shown to people
 * @param email the user's email address, if they gave one
 * @param phone the user's phone number in E.164 ({@code +8613800000000}), if they gave
 * one
 */
public record UserContact(long id, long orgId, String username, String displayName, @Nullable String email,
		@Nullable String phone) {

}
