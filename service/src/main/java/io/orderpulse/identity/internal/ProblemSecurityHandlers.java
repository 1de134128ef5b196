package io.orderpulse.identity.internal;

import java.io.IOException;

import io.orderpulse.platform.Problems;
import io.orderpulse.platform.web.ProblemResponses;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.web.access.BearerTokenAccessDeniedHandler;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * 401 and 403 as problem details, with the {@code WWW-Authenticate} header of RFC 6750.
 */
class ProblemSecurityHandlers implements AuthenticationEntryPoint, AccessDeniedHandler {

	private final BearerTokenAuthenticationEntryPoint bearerEntryPoint = new BearerTokenAuthenticationEntryPoint();

	private final BearerTokenAccessDeniedHandler bearerAccessDenied = new BearerTokenAccessDeniedHandler();

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException ex)
			throws IOException {
		this.bearerEntryPoint.commence(request, response, ex);
		ProblemDetail problem;
		if (ex instanceof InvalidBearerTokenException && AccessRevocations.isRevocation(ex)) {
			problem = Problems.detail(HttpStatus.UNAUTHORIZED, "token-revoked", "Access token revoked",
					"The access token was revoked (logged out, or the account was disabled, deleted or given other "
							+ "roles): log in again.");
		}
		else if (ex instanceof InvalidBearerTokenException) {
			boolean expired = String.valueOf(ex.getMessage()).toLowerCase().contains("expired");
			problem = Problems.detail(HttpStatus.UNAUTHORIZED, expired ? "token-expired" : "invalid-token",
					expired ? "Access token expired" : "Invalid access token",
					expired ? "The access token has expired: log in again."
							: "The access token is malformed or its signature is not valid.");
		}
		else {
			problem = Problems.detail(HttpStatus.UNAUTHORIZED, "authentication-required", "Authentication required",
					"Send an access token in the header 'Authorization: Bearer <token>'.");
		}
		ProblemResponses.write(response, problem);
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException ex)
			throws IOException {
		this.bearerAccessDenied.handle(request, response, ex);
		ProblemResponses.write(response, Problems.detail(HttpStatus.FORBIDDEN, "forbidden", "Forbidden",
				"Your role does not allow this request."));
	}

}
