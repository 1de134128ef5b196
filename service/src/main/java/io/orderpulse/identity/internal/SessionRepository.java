package io.orderpulse.identity.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Login sessions in table {@code user_sessions}: one row per login, which every access
 * token of that login names (claim {@code sid}).
 */
@Repository
public class SessionRepository {

	private final JdbcClient jdbc;

	SessionRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Opens a session for the user.
	 * @param expiresAt when the session's access token expires: its row is kept until
	 * then (plus an allowance, {@link SessionCleanup})
	 * @return the user's current token version, which the session's tokens carry
	 */
	public int open(UUID sessionId, long userId, Instant expiresAt) {
		return this.jdbc.sql("""
				with opened as (
				    insert into user_sessions (id, user_id, expires_at) values (:id, :userId, :expiresAt)
				    returning user_id)
				select u.token_version from users u join opened on u.id = opened.user_id
				""")
			.param("id", sessionId)
			.param("userId", userId)
			.param("expiresAt", Timestamp.from(expiresAt))
			.query(Integer.class)
			.single();
	}

	/**
	 * Opens one session for each user in one statement, all expiring at once.
	 * @return each user's token version, in the order of {@code userIds}
	 */
	public List<Integer> openAll(List<UUID> sessionIds, List<Long> userIds, Instant expiresAt) {
		List<Integer> versions = this.jdbc.sql("""
				with opened as (
				    insert into user_sessions (id, user_id, expires_at)
				    select ids.id, ids.user_id, :expiresAt
				    from unnest(cast(:ids as uuid[]), cast(:userIds as bigint[])) as ids (id, user_id)
				    returning user_id)
				select u.token_version from unnest(cast(:userIds as bigint[])) with ordinality as wanted (id, position)
				join users u on u.id = wanted.id
				order by wanted.position
				""")
			.param("ids", sessionIds.toArray(UUID[]::new))
			.param("userIds", userIds.toArray(Long[]::new))
			.param("expiresAt", Timestamp.from(expiresAt))
			.query(Integer.class)
			.list();
		if (versions.size() != userIds.size()) {
			throw new IllegalStateException(
					"Sessions opened for " + versions.size() + " of " + userIds.size() + " users");
		}
		return versions;
	}

	/**
	 * Revokes the user's session.
	 * @return whether it was open
	 */
	public boolean revoke(UUID sessionId, long userId, String reason) {
		return this.jdbc.sql("""
				update user_sessions set revoked_at = now(), revoked_reason = :reason
				where id = :id and user_id = :userId and revoked_at is null
				""").param("reason", reason).param("id", sessionId).param("userId", userId).update() == 1;
	}

	/**
	 * Revokes every open session of the user.
	 */
	public void revokeAll(long userId, String reason) {
		this.jdbc.sql("""
				update user_sessions set revoked_at = now(), revoked_reason = :reason
				where user_id = :userId and revoked_at is null
				""").param("reason", reason).param("userId", userId).update();
	}

	/**
	 * The users of those of these sessions that are open, by session.
	 */
	public Map<UUID, Long> openSessionUsers(Collection<UUID> sessionIds) {
		Map<UUID, Long> open = new HashMap<>();
		if (!sessionIds.isEmpty()) {
			this.jdbc.sql(
					"select id, user_id from user_sessions where id = any(cast(:ids as uuid[])) and revoked_at is null")
				.param("ids", sessionIds.toArray(UUID[]::new))
				.query((RowCallbackHandler) (rs) -> open.put(rs.getObject("id", UUID.class), rs.getLong("user_id")));
		}
		return open;
	}

	/**
	 * Deletes up to {@code limit} sessions that expired before {@code expiredBefore} or
	 * were revoked before {@code revokedBefore}.
	 * @return the deleted sessions
	 */
	public List<UUID> deleteEnded(Instant expiredBefore, Instant revokedBefore, int limit) {
		return this.jdbc.sql("""
				delete from user_sessions where id in (
				    select id from user_sessions where expires_at < :expiredBefore
				    union
				    select id from user_sessions where revoked_at < :revokedBefore
				    limit :limit)
				returning id
				""")
			.param("expiredBefore", Timestamp.from(expiredBefore))
			.param("revokedBefore", Timestamp.from(revokedBefore))
			.param("limit", limit)
			.query(UUID.class)
			.list();
	}

	/**
	 * The session's user if the session is open.
	 */
	public Optional<Long> openSessionUser(UUID sessionId) {
		return this.jdbc.sql("select user_id from user_sessions where id = ? and revoked_at is null")
			.param(sessionId)
			.query(Long.class)
			.optional();
	}

}
