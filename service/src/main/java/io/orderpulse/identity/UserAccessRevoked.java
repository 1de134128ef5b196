package io.orderpulse.identity;

import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * Access tokens of a user stopped being valid: all of them issued until now (the user was
 * disabled, enabled, deleted or got other roles: {@code sessionId} is null) or those of
 * one login session (logout). Published after the change is committed, on the node that
 * made it and, in cluster mode, on every other node, so each closes its own live sessions
 * of the user.
 *
 * @param userId the user
 * @param sessionId the one session that ended, or null for all of the user's sessions
 */
public record UserAccessRevoked(long userId, @Nullable UUID sessionId) {

	/**
	 * Whether a token of this login session is affected.
	 */
	public boolean covers(@Nullable UUID session) {
		return this.sessionId == null || this.sessionId.equals(session);
	}

}
