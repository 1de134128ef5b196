package io.orderpulse.identity.internal;

import java.time.Duration;
import java.util.List;

import io.orderpulse.identity.AccessTokens;
import io.orderpulse.identity.AuthenticatedUser;
import io.orderpulse.identity.Role;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Stateless security: every {@code /api/**} request but registration and login needs a
 * bearer access token (HS256 JWT) that was not revoked ({@link AccessRevocations},
 * checked on every request); pages, API docs and actuator endpoints are public. Roles are
 * checked with {@code @PreAuthorize} on the controllers.
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
class SecurityConfiguration {

	@Bean
	SecurityFilterChain apiSecurity(HttpSecurity http, JwtDecoder decoder, IdentitySettings settings,
			AccessRevocations revocations) throws Exception {
		JwtDecoder repeated = new RepeatedTokenDecoder(decoder, TokenConfiguration.validator(settings), 10_000,
				Duration.ofMinutes(10));
		JwtDecoder current = new CurrentTokenDecoder(repeated, revocations);
		ProblemSecurityHandlers handlers = new ProblemSecurityHandlers();
		http.csrf((csrf) -> csrf.disable())
			.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.authorizeHttpRequests((requests) -> requests
				.requestMatchers(HttpMethod.POST, "/api/v1/auth/register", "/api/v1/auth/login")
				.permitAll()
				.requestMatchers(HttpMethod.POST, "/api/v1/payments/notify/**")
				.permitAll()
				.requestMatchers("/api/**")
				.authenticated()
				.anyRequest()
				.permitAll())
			.oauth2ResourceServer((server) -> server
				.jwt((jwt) -> jwt.decoder(current)
					.jwtAuthenticationConverter((token) -> authentication(AccessTokens.toUser(token), token)))
				.authenticationEntryPoint(handlers)
				.accessDeniedHandler(handlers))
			.exceptionHandling(
					(exceptions) -> exceptions.authenticationEntryPoint(handlers).accessDeniedHandler(handlers));
		return http.build();
	}

	private static UsernamePasswordAuthenticationToken authentication(AuthenticatedUser user, Object credentials) {
		List<SimpleGrantedAuthority> authorities = user.roles()
			.stream()
			.map(Role::authority)
			.map(SimpleGrantedAuthority::new)
			.toList();
		return UsernamePasswordAuthenticationToken.authenticated(user, credentials, authorities);
	}

	/**
	 * No Micrometer observations of Spring Security's filters, authentications and
	 * authorizations unless {@code orderpulse.web.security-observations=true}: with them,
	 * every request wraps each of a dozen filters, the token's authentication and the
	 * authorization checks in observations, which took about a fifth of the server's CPU
	 * on a cheap request (profiled with JFR under wrk: flash-sale attempts). The request
	 * itself is still observed ({@code http.server.requests}).
	 */
	@Bean
	@ConditionalOnProperty(name = "orderpulse.web.security-observations", havingValue = "false", matchIfMissing = true)
	SecurityObservationSettings noSecurityObservations() {
		return SecurityObservationSettings.noObservations();
	}

	@Bean
	PasswordEncoder passwordEncoder() {
		return PasswordEncoderFactories.createDelegatingPasswordEncoder();
	}

}
