package io.orderpulse.identity;

import java.time.Duration;

/**
 * A signed access token (JWT) and how long it stays valid.
 *
 * @param value the compact JWT
 * @param expiresIn the time until it expires
 */
public record AccessToken(String value, Duration expiresIn) {

}
