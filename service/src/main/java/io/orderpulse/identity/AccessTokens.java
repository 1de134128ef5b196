package io.orderpulse.identity;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import io.orderpulse.identity.internal.IdentitySettings;

import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.stereotype.Service;

/**
 * Issues and verifies the access tokens of the REST API and the WebSocket gateway. A
 * token's subject is the numeric user id; claims {@code username}, {@code orgId},
 * {@code roles} and {@code shopId} carry the rest of {@link AuthenticatedUser}.
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

	AccessTokens(JwtEncoder encoder, JwtDecoder decoder, IdentitySettings settings) {
		this.encoder = encoder;
		this.decoder = decoder;
		this.settings = settings;
	}

	public AccessToken issue(UserSummary user) {
		Instant now = Instant.now();
		JwtClaimsSet.Builder claims = JwtClaimsSet.builder()
			.issuer(this.settings.tokenIssuer())
			.subject(Long.toString(user.id()))
			.issuedAt(now)
			.expiresAt(now.plus(this.settings.tokenTtl()))
			.claim(USERNAME, user.username())
			.claim(ORG_ID, user.orgId())
			.claim(ROLES, user.roles().stream().map(Role::name).sorted().toList());
		if (user.shopId() != null) {
			claims.claim(SHOP_ID, user.shopId());
		}
		JwsHeader header = JwsHeader.with(MacAlgorithm.HS256).build();
		String value = this.encoder.encode(JwtEncoderParameters.from(header, claims.build())).getTokenValue();
		return new AccessToken(value, this.settings.tokenTtl());
	}

	/**
	 * The user a token was issued to.
	 * @throws JwtException if the token is malformed, forged, expired or from another
	 * issuer
	 */
	public AuthenticatedUser verify(String token) {
		return toUser(this.decoder.decode(token));
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
		return new AuthenticatedUser(Long.parseLong(jwt.getSubject()), jwt.getClaimAsString(USERNAME),
				((Number) jwt.getClaim(ORG_ID)).longValue(), roles,
				(shopId instanceof Number number) ? number.longValue() : null);
	}

}
