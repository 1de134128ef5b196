package io.orderpulse.identity;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.orderpulse.identity.internal.AccessRevocations;
import io.orderpulse.identity.internal.IdentitySettings;
import io.orderpulse.identity.internal.SessionRepository;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Issues and verifies the access tokens of the REST API and the WebSocket gateway. A
 * token's subject is the numeric user id; claims {@code username}, {@code orgId},
 * {@code roles} and {@code shopId} carry the rest of {@link AuthenticatedUser}. Each
 * token belongs to a login session (claim {@code sid}, a row of its own) and names the
 * user's token version (claim {@code ver}); logout revokes the session, and disabling,
 * deleting or changing the roles of the user bumps the version, which ends every token of
 * the user at once ({@link AccessRevocations}).
 */
@Service
public class AccessTokens {

	static final String USERNAME = "username";

	static final String ORG_ID = "orgId";

	static final String ROLES = "roles";

	static final String SHOP_ID = "shopId";

	private final JwtEncoder encoder;

	private final JwtDecoder decoder;

	private final IdentitySettings settings;

	private final SessionRepository sessions;

	private final AccessRevocations revocations;

	private final ApplicationEventPublisher events;

	AccessTokens(JwtEncoder encoder, JwtDecoder decoder, IdentitySettings settings, SessionRepository sessions,
			AccessRevocations revocations, ApplicationEventPublisher events) {
		this.encoder = encoder;
		this.decoder = decoder;
		this.settings = settings;
		this.sessions = sessions;
		this.revocations = revocations;
		this.events = events;
	}

	/**
	 * Opens a login session for the user and issues its access token.
	 */
	@Transactional
	public AccessToken issue(UserSummary user) {
		UUID sessionId = UUID.randomUUID();
		Instant now = Instant.now();
		int version = this.sessions.open(sessionId, user.id(), now.plus(this.settings.tokenTtl()));
		return sign(user, sessionId, version, now);
	}

	/**
	 * Opens a login session for each user (in one statement) and issues their tokens, in
	 * the order of {@code users}.
	 */
	@Transactional
	public List<AccessToken> issueAll(List<UserSummary> users) {
		List<UUID> sessionIds = users.stream().map((user) -> UUID.randomUUID()).toList();
		Instant now = Instant.now();
		List<Integer> versions = this.sessions.openAll(sessionIds, users.stream().map(UserSummary::id).toList(),
				now.plus(this.settings.tokenTtl()));
		List<AccessToken> tokens = new ArrayList<>(users.size());
		for (int i = 0; i < users.size(); i++) {
			tokens.add(sign(users.get(i), sessionIds.get(i), versions.get(i), now));
		}
		return tokens;
	}

	private AccessToken sign(UserSummary user, UUID sessionId, int version, Instant now) {
		JwtClaimsSet.Builder claims = JwtClaimsSet.builder()
			.issuer(this.settings.tokenIssuer())
			.subject(Long.toString(user.id()))
			.issuedAt(now)
			.expiresAt(now.plus(this.settings.tokenTtl()))
			.claim(USERNAME, user.username())
			.claim(ORG_ID, user.orgId())
			.claim(ROLES, user.roles().stream().map(Role::name).sorted().toList())
			.claim(AccessRevocations.SESSION, sessionId.toString())
			.claim(AccessRevocations.VERSION, version);
		if (user.shopId() != null) {
			claims.claim(SHOP_ID, user.shopId());
		}
		JwsHeader header = JwsHeader.with(MacAlgorithm.HS256).build();
		String value = this.encoder.encode(JwtEncoderParameters.from(header, claims.build())).getTokenValue();
		return new AccessToken(value, this.settings.tokenTtl());
	}

	/**
	 * The user a token was issued to, if the token is still current.
	 * @throws TokenRevoked if the token's session was logged out or its user disabled,
	 * deleted or given other roles since
	 * @throws JwtException if the token is malformed, forged, expired or from another
	 * issuer
	 */
	public AuthenticatedUser verify(String token) {
		Jwt jwt = this.decoder.decode(token);
		OAuth2TokenValidatorResult current = this.revocations.validate(jwt);
		if (current.hasErrors()) {
			String description = String.valueOf(current.getErrors().iterator().next().getDescription());
			throw AccessRevocations.REVOKED.equals(description) ? new TokenRevoked(description)
					: new JwtException(description);
		}
		return toUser(jwt);
	}

	/**
	 * Of these holders of tokens (the users of live WebSocket sessions), those whose
	 * token is no longer current: its user disabled, deleted or given another token
	 * version, or its login session revoked or gone. Unlike the check of each request,
	 * this reads the database, not the caches (a few queries for thousands of holders:
	 * one per thousand distinct users and one per thousand distinct sessions), so it
	 * finds a revocation this node was never told of (a lost cluster message); what it
	 * finds is forgotten by this node's caches too, so the tokens' requests are refused
	 * at once as well.
	 */
	@Transactional(readOnly = true)
	public Set<AuthenticatedUser> revokedAmong(Collection<AuthenticatedUser> holders) {
		return this.revocations.revokedAmong(holders);
	}

	/**
	 * Logout: ends the caller's login session, so its token is refused from now on (on
	 * every node) and its live sockets are closed.
	 */
	@Transactional
	public void endSession(AuthenticatedUser user) {
		UUID sessionId = user.sessionId();
		if (sessionId != null && this.sessions.revoke(sessionId, user.userId(), "logout")) {
			this.events.publishEvent(new UserAccessRevoked(user.userId(), sessionId));
		}
	}

	/**
	 * The user of an already verified token.
	 */
	public static AuthenticatedUser toUser(Jwt jwt) {
		Set<Role> roles = EnumSet.noneOf(Role.class);
		List<String> names = jwt.getClaimAsStringList(ROLES);
		if (names != null) {
			names.forEach((name) -> roles.add(Role.valueOf(name)));
		}
		Object shopId = jwt.getClaim(SHOP_ID);
		String sessionId = jwt.getClaimAsString(AccessRevocations.SESSION);
		Object version = jwt.getClaim(AccessRevocations.VERSION);
		return new AuthenticatedUser(Long.parseLong(jwt.getSubject()), jwt.getClaimAsString(USERNAME),
				((Number) jwt.getClaim(ORG_ID)).longValue(), roles,
				(shopId instanceof Number number) ? number.longValue() : null,
				(sessionId != null) ? UUID.fromString(sessionId) : null,
				(version instanceof Number number) ? number.intValue() : 0);
	}

}
