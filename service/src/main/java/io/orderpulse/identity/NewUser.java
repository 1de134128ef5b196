package io.orderpulse.identity;

import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * What it takes to create a user.
 *
 * @param orgId the organization the user belongs to
 * @param username the login name, 3-32 of {@code [A-Za-z0-9_.-]} in Unicode NFKC (stored
 * in NFKC), unique in its normal form ({@link Usernames})
 * @param password the password in clear, accepted by the password policy
 * ({@link AcceptablePassword}); it is hashed before storage
 * @param displayName the name shown to people
 * @param roles the user's roles
 * @param shopId the shop of a merchant
 * @param email the email address, if any (see {@link ContactFormats})
 * @param phone the phone number in E.164, if any
 */
public record NewUser(long orgId, String username, String password, String displayName, Set<Role> roles,
		@Nullable Long shopId, @Nullable String email, @Nullable String phone) {

	/**
	 * A user without contact details.
	 */
	public NewUser(long orgId, String username, String password, String displayName, Set<Role> roles,
			@Nullable Long shopId) {
		this(orgId, username, password, displayName, roles, shopId, null, null);
	}

}
