package io.orderpulse.identity;

import java.security.Principal;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * The caller of a request or the owner of a WebSocket session, as carried by its access
 * token. Its {@link #getName() name} is the numeric user id, which is also the STOMP user
 * name.
 *
 * @param userId the user's id
 * @param username the login name
 * @param orgId the user's organization (tenant)
 * @param roles the user's roles
 * @param shopId the merchant's shop, if any
 * @param sessionId the login session the token belongs to (null for a caller that is not
 * a token's, such as demo data set up at start)
 * @param tokenVersion the user's token version the token was issued with (0 for a caller
 * that is not a token's): with the user and the session, what decides whether the token
 * is still current ({@link AccessTokens#revokedAmong})
 */
public record AuthenticatedUser(long userId, String username, long orgId, Set<Role> roles, @Nullable Long shopId,
		@Nullable UUID sessionId, int tokenVersion) implements Principal {

	public AuthenticatedUser {
		roles = Set.copyOf(roles);
	}

	/**
	 * A caller without a login session.
	 */
	public AuthenticatedUser(long userId, String username, long orgId, Set<Role> roles, @Nullable Long shopId) {
		this(userId, username, orgId, roles, shopId, null, 0);
	}

	public boolean hasRole(Role role) {
		return this.roles.contains(role);
	}

	@Override
	public String getName() {
		return Long.toString(this.userId);
	}

}
