package io.orderpulse.identity.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.orderpulse.identity.AuthenticatedUser;
import io.orderpulse.identity.UserAccessRevoked;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Component;

/**
 * Whether a correctly signed, unexpired token is still current: its user exists, is
 * neither disabled nor deleted and still has the token version the token names (claim
 * {@code ver}), and its login session (claim {@code sid}) was not logged out. Run on
 * every HTTP request (also for tokens the decoding cache has seen) and on every STOMP
 * CONNECT, so it is answered from memory: the users' states and the sessions' are kept in
 * Caffeine caches, which every revocation invalidates at once on this node and, in
 * cluster mode, on every other node ({@link RevocationBus}). An entry is also reloaded
 * {@link #RELOAD_AFTER} after it was read from the database, which bounds how long a node
 * that missed a revocation message (Redis down) goes on accepting the token; the
 * gateway's periodic re-check of its live sockets ({@link #revokedAmong}) reads the
 * database and closes those a missed message should have closed.
 */
@Component
public class AccessRevocations implements OAuth2TokenValidator<Jwt> {

	/** The claim naming the token's login session. */
	public static final String SESSION = "sid";

	/** The claim naming the user's token version the token was issued with. */
	public static final String VERSION = "ver";

	/** The description of the validation error of a revoked token. */
	public static final String REVOKED = "The access token was revoked";

	static final Duration RELOAD_AFTER = Duration.ofMinutes(1);

	private static final int CHUNK = 1000;

	private static final OAuth2Error REVOKED_ERROR = new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN, REVOKED, null);

	private static final OAuth2Error NO_SESSION = new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN,
			"The access token names no valid session", null);

	private static final UserState MISSING = new UserState(-1, false);

	private final JdbcClient jdbc;

	private final SessionRepository sessions;

	private final Cache<Long, UserState> userStates = Caffeine.newBuilder()
		.maximumSize(200_000)
		.expireAfterWrite(RELOAD_AFTER)
		.build();

	private final Cache<UUID, Boolean> openSessions = Caffeine.newBuilder()
		.maximumSize(200_000)
		.expireAfterWrite(RELOAD_AFTER)
		.build();

	AccessRevocations(JdbcClient jdbc, SessionRepository sessions) {
		this.jdbc = jdbc;
		this.sessions = sessions;
	}

	@Override
	public OAuth2TokenValidatorResult validate(Jwt token) {
		long userId;
		UUID sessionId;
		int version;
		try {
			userId = Long.parseLong(token.getSubject());
			sessionId = UUID.fromString(String.valueOf(token.getClaimAsString(SESSION)));
			version = ((Number) token.getClaims().get(VERSION)).intValue();
		}
		catch (RuntimeException ex) {
			return OAuth2TokenValidatorResult.failure(NO_SESSION);
		}
		return isCurrent(userId, sessionId, version) ? OAuth2TokenValidatorResult.success()
				: OAuth2TokenValidatorResult.failure(REVOKED_ERROR);
	}

	/**
	 * Whether a token of this user, session and version is still valid.
	 */
	public boolean isCurrent(long userId, UUID sessionId, int version) {
		UserState user = this.userStates.get(userId, this::load);
		if (version > user.version()) {
			// a token newer than what this node knows: the cached state is stale (this
			// node has not heard of the change yet)
			this.userStates.invalidate(userId);
			user = this.userStates.get(userId, this::load);
		}
		if (!user.active() || user.version() != version) {
			return false;
		}
		Boolean open = this.openSessions.get(sessionId,
				(id) -> this.sessions.openSessionUser(id).map((owner) -> owner == userId).orElse(false));
		return open;
	}

	/**
	 * Of these holders of tokens, those whose token is no longer current, read from the
	 * database (a query per thousand distinct users, one per thousand sessions) rather
	 * than the caches: a revocation this node missed is found however recently the caches
	 * loaded. The caches forget what is found, and learn nothing else (a value read here
	 * could be older than a revocation that a concurrent message is just invalidating).
	 */
	public Set<AuthenticatedUser> revokedAmong(Collection<AuthenticatedUser> holders) {
		Set<Long> userIds = new HashSet<>();
		Set<UUID> sessionIds = new HashSet<>();
		for (AuthenticatedUser holder : holders) {
			userIds.add(holder.userId());
			UUID sessionId = holder.sessionId();
			if (sessionId != null) {
				sessionIds.add(sessionId);
			}
		}
		Map<Long, UserState> users = new HashMap<>();
		for (List<Long> chunk : chunks(userIds)) {
			users.putAll(loadAll(chunk));
		}
		Map<UUID, Long> open = new HashMap<>();
		for (List<UUID> chunk : chunks(sessionIds)) {
			open.putAll(this.sessions.openSessionUsers(chunk));
		}
		Set<AuthenticatedUser> revoked = new HashSet<>();
		for (AuthenticatedUser holder : holders) {
			UserState user = users.getOrDefault(holder.userId(), MISSING);
			UUID sessionId = holder.sessionId();
			boolean current = user.active() && user.version() == holder.tokenVersion() && sessionId != null
					&& Long.valueOf(holder.userId()).equals(open.get(sessionId));
			if (!current) {
				revoked.add(holder);
				this.userStates.invalidate(holder.userId());
				if (sessionId != null) {
					this.openSessions.invalidate(sessionId);
				}
			}
		}
		return revoked;
	}

	/**
	 * Forgets these sessions (their rows were deleted), so the next check reads the
	 * database and refuses their tokens.
	 */
	void forgetSessions(Collection<UUID> sessionIds) {
		this.openSessions.invalidateAll(sessionIds);
	}

	/**
	 * Forgets what this node knows of the revoked user or session, so the next check
	 * reads the database.
	 */
	void forget(UserAccessRevoked revoked) {
		if (revoked.sessionId() != null) {
			this.openSessions.invalidate(revoked.sessionId());
		}
		else {
			this.userStates.invalidate(revoked.userId());
		}
	}

	/**
	 * Whether an exception of token decoding says the token was revoked (rather than
	 * forged, malformed or expired).
	 */
	static boolean isRevocation(@Nullable Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (String.valueOf(cause.getMessage()).contains(REVOKED)) {
				return true;
			}
		}
		return false;
	}

	private UserState load(long userId) {
		return this.jdbc
			.sql("select token_version, disabled_at is null and deleted_at is null as active from users where id = ?")
			.param(userId)
			.query((rs, row) -> new UserState(rs.getInt("token_version"), rs.getBoolean("active")))
			.optional()
			.orElse(MISSING);
	}

	private Map<Long, UserState> loadAll(List<Long> userIds) {
		Map<Long, UserState> states = new HashMap<>();
		this.jdbc.sql("""
				select id, token_version, disabled_at is null and deleted_at is null as active
				from users where id = any(cast(:ids as bigint[]))
				""")
			.param("ids", userIds.toArray(Long[]::new))
			.query((RowCallbackHandler) (rs) -> states.put(rs.getLong("id"),
					new UserState(rs.getInt("token_version"), rs.getBoolean("active"))));
		return states;
	}

	private static <T> List<List<T>> chunks(Collection<T> values) {
		List<T> all = List.copyOf(values);
		List<List<T>> chunks = new ArrayList<>();
		for (int from = 0; from < all.size(); from += CHUNK) {
			chunks.add(all.subList(from, Math.min(all.size(), from + CHUNK)));
		}
		return chunks;
	}

	private record UserState(int version, boolean active) {
	}

}
