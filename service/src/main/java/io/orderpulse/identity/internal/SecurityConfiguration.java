package io.orderpulse.identity.internal;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.orderpulse.identity.AccessTokens;
import io.orderpulse.identity.AuthenticatedUser;
import io.orderpulse.identity.Role;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.HeaderWriterFilter;
import org.springframework.security.web.header.writers.ContentSecurityPolicyHeaderWriter;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Stateless security: every {@code /api/**} request but registration and login needs a
 * bearer access token (HS256 JWT) that was not revoked ({@link AccessRevocations},
 * checked on every request), and so do reading and confirming a trade on the sandbox's
 * pay page; pages, API docs and actuator endpoints are public. Roles are checked with
 * {@code @PreAuthorize} on the controllers.
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
class SecurityConfiguration {

	/**
	 * The API docs (springdoc's Swagger UI), the one place whose styles may be inline:
	 * Swagger UI's bundle inserts a {@code <style>} element
	 * (swagger-api/swagger-ui#10655; with {@code style-src 'self'} the browser blocks it)
	 * and the docs show no data of users. Scripts stay as strict as everywhere.
	 */
	private static final RequestMatcher API_DOCS = PathPatternRequestMatcher.withDefaults().matcher("/swagger-ui/**");

	private static String contentSecurityPolicy(String styleSources) {
		return "default-src 'self'; script-src 'self'; style-src " + styleSources
				+ "; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; "
				+ "form-action 'self'; frame-ancestors 'none'";
	}

	@Bean
	SecurityFilterChain apiSecurity(HttpSecurity http, JwtDecoder decoder, IdentitySettings settings,
			AccessRevocations revocations) throws Exception {
		JwtDecoder repeated = new RepeatedTokenDecoder(decoder, TokenConfiguration.validator(settings), 10_000,
				Duration.ofMinutes(10));
		JwtDecoder current = new CurrentTokenDecoder(repeated, revocations);
		ProblemSecurityHandlers handlers = new ProblemSecurityHandlers();
		http.csrf((csrf) -> csrf.disable())
			.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			// on every response (pages, error pages, the API docs): scripts only from the
			// service's own files, never inline, never eval, so markup that slips into a
			// page cannot run; styles only from files too; never framed; Spring
			// Security's defaults (nosniff, X-Frame-Options DENY, no caching, HSTS on
			// https) stay. 'self' in connect-src covers the page's own ws:/wss: origin
			// (CSP Level 3). Written before the response starts: written lazily, they
			// were lost on responses larger than the buffer (a webjar), which the server
			// commits on its own.
			.headers((headers) -> {
				headers
					.addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(API_DOCS,
							new ContentSecurityPolicyHeaderWriter(contentSecurityPolicy("'self' 'unsafe-inline'"))))
					.addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(new NegatedRequestMatcher(API_DOCS),
							new ContentSecurityPolicyHeaderWriter(contentSecurityPolicy("'self'"))))
					.referrerPolicy((referrer) -> referrer.policy(ReferrerPolicy.NO_REFERRER));
				headers.addObjectPostProcessor(new ObjectPostProcessor<HeaderWriterFilter>() {
					@Override
					public <O extends HeaderWriterFilter> O postProcess(O filter) {
						filter.setShouldWriteHeadersEagerly(true);
						return filter;
					}
				});
			})
			.authorizeHttpRequests((requests) -> requests
				.requestMatchers(HttpMethod.POST, "/api/v1/auth/register", "/api/v1/auth/login")
				.permitAll()
				.requestMatchers(HttpMethod.POST, "/api/v1/payments/notify/**")
				.permitAll()
				.requestMatchers("/api/**")
				.authenticated()
				// the sandbox gateway's pay page: only its buyer, signed in, reads and
				// pays
				// a trade
				.requestMatchers(HttpMethod.POST, "/sandbox/pay/*/confirm")
				.authenticated()
				.requestMatchers(HttpMethod.GET, "/sandbox/pay/*/trade")
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
	 * authorization checks in observations, a large share of a cheap request's CPU
	 * (docs/decisions/0007-cheaper-request-path.md). The request itself is still observed
	 * ({@code http.server.requests}).
	 */
	@Bean
	@ConditionalOnProperty(name = "orderpulse.web.security-observations", havingValue = "false", matchIfMissing = true)
	SecurityObservationSettings noSecurityObservations() {
		return SecurityObservationSettings.noObservations();
	}

	/**
	 * New passwords are hashed with Argon2id (stored as {@code {argon2}...}) at OWASP's
	 * Password Storage Cheat Sheet setting of 7 MiB of memory, 5 iterations, parallelism
	 * 1: one of its equally strong settings, the one with the least memory per login
	 * (logins run on virtual threads, so many can hash at once) and, measured on this
	 * 2-core machine, no slower than the others (about half of bcrypt's cost 10). Unlike
	 * bcrypt, Argon2 reads the whole password, so long passphrases need no pre-hash or
	 * 72-byte cut-off. Hashes made before ({@code {bcrypt}...}) still match, and
	 * {@link io.orderpulse.identity.UserAccounts#authenticate} hashes the password again
	 * with Argon2id at its next successful login. At most
	 * {@link IdentitySettings#concurrentHashes()} hashes run at once
	 * ({@link BoundedPasswordEncoder}).
	 */
	@Bean
	BoundedPasswordEncoder passwordEncoder(IdentitySettings settings) {
		return new BoundedPasswordEncoder(
				new DelegatingPasswordEncoder("argon2", Map.of("argon2",
						new Argon2PasswordEncoder(16, 32, 1, 7 * 1024, 5), "bcrypt", new BCryptPasswordEncoder())),
				settings.concurrentHashes(), settings.maxHashWait());
	}

}
