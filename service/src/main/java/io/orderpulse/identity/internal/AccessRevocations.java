package io.orderpulse.identity.internal;

import java.time.Duration;
import java.util.UUID;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.orderpulse.identity.UserAccessRevoked;
import org.jspecify.annotations.Nullable;

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
 * that missed a revocation message (Redis down) goes on accepting the token.
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

	private record UserState(int version, boolean active) {
	}

}
