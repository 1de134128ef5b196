package io.orderpulse.identity;

import org.springframework.security.oauth2.jwt.JwtException;

/**
 * A correctly signed, unexpired access token whose session was revoked: logged out, or
 * its user was disabled, deleted or given other roles since it was issued.
 */
public class TokenRevoked extends JwtException {

	public TokenRevoked(String message) {
		super(message);
	}

}
