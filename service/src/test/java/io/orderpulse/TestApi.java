package io.orderpulse;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import io.orderpulse.identity.AccessTokens;
import io.orderpulse.identity.NewUser;
import io.orderpulse.identity.Organizations;
import io.orderpulse.identity.Role;
import io.orderpulse.identity.UserAccounts;
import io.orderpulse.identity.UserSummary;
import io.orderpulse.identity.internal.IdentitySettings;
import com.nimbusds.jose.jwk.source.ImmutableSecret;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Lazy;

/**
 * A real HTTP client for the service under test, plus helpers that mint tokens and create
 * users directly (so tests don't spend the login rate limit).
 */
public final class TestApi {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final WebServerApplicationContext context;

	private final UserAccounts accounts;

	private final AccessTokens tokens;

	private final Organizations organizations;

	private final IdentitySettings settings;

	private final SecretKey signingKey;

	TestApi(WebServerApplicationContext context, UserAccounts accounts, AccessTokens tokens,
			Organizations organizations, IdentitySettings settings, SecretKey signingKey) {
		this.context = context;
		this.accounts = accounts;
		this.tokens = tokens;
		this.organizations = organizations;
		this.settings = settings;
		this.signingKey = signingKey;
	}

	public URI uri(String path) {
		return URI.create("http://localhost:" + this.context.getWebServer().getPort() + path);
	}

	/**
	 * The gateway's native WebSocket endpoint.
	 */
	public URI ws() {
		return URI.create("ws://localhost:" + this.context.getWebServer().getPort() + "/ws");
	}

	public Response get(String path, @Nullable String token) {
		return send(request(path, token).GET());
	}

	public Response post(String path, @Nullable String json, @Nullable String token) {
		return send(request(path, token).POST(body(json)));
	}

	public Response put(String path, @Nullable String json, @Nullable String token) {
		return send(request(path, token).PUT(body(json)));
	}

	public Response delete(String path, @Nullable String token) {
		return send(request(path, token).DELETE());
	}

	public HttpRequest.Builder request(String path, @Nullable String token) {
		HttpRequest.Builder builder = HttpRequest.newBuilder(uri(path))
			.timeout(Duration.ofSeconds(30))
			.header("Content-Type", "application/json");
		if (token != null) {
			builder.header("Authorization", "Bearer " + token);
		}
		return builder;
	}

	public Response send(HttpRequest.Builder request) {
		try {
			var response = this.http.send(request.build(), BodyHandlers.ofString());
			return new Response(response.statusCode(), response.headers(), response.body());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static BodyPublisher body(@Nullable String json) {
		return (json != null) ? BodyPublishers.ofString(json) : BodyPublishers.noBody();
	}

	/**
	 * An access token for an existing user, minted without logging in.
	 */
	public String tokenFor(String username) {
		return this.tokens.issue(this.accounts.findByUsername(username).orElseThrow()).value();
	}

	public UserSummary user(String username) {
		return this.accounts.findByUsername(username).orElseThrow();
	}

	/**
	 * Creates a user with a unique username in the named organization (created if
	 * needed), with the demo users' password {@code password} (so {@link Browser} signs
	 * in any user alike): created as the demo data's users are, past the password policy.
	 */
	public UserSummary createUser(String organization, String usernamePrefix, Role role) {
		long orgId = this.organizations.ensure(organization);
		String username = usernamePrefix + "-" + Long.toString(System.nanoTime(), 36);
		return this.accounts
			.createDemoUser(new NewUser(orgId, username, "password", usernamePrefix, Set.of(role), null));
	}

	/**
	 * A token for the user signed with a key the service does not know.
	 */
	public String forgedToken(String username) {
		return tokenSignedWith(username, "a-completely-different-signing-key-of-32-bytes+");
	}

	/**
	 * A token for the user, valid in every other respect, signed with the given key (for
	 * example one published in the repository).
	 */
	public String tokenSignedWith(String username, String key) {
		return sign(user(username), key.getBytes(StandardCharsets.UTF_8), Instant.now().plusSeconds(600),
				this.settings.tokenIssuer(), null);
	}

	/**
	 * A token for the user, correctly signed and valid, but without the named claim
	 * ({@code exp} or {@code iat}).
	 */
	public String tokenWithout(String username, String claim) {
		return sign(user(username), serviceKey(), Instant.now().plusSeconds(600), this.settings.tokenIssuer(), claim);
	}

	/**
	 * A token for the user, correctly signed, that expired the given time ago.
	 */
	public String tokenExpiredFor(String username, Duration ago) {
		return sign(user(username), serviceKey(), Instant.now().minus(ago), this.settings.tokenIssuer(), null);
	}

	/**
	 * A token for the user, correctly signed, that expired ten minutes ago.
	 */
	public String expiredToken(String username) {
		return tokenExpiredFor(username, Duration.ofMinutes(10));
	}

	/**
	 * A token for the user, correctly signed and valid, from another issuer.
	 */
	public String foreignIssuerToken(String username) {
		return sign(user(username), serviceKey(), Instant.now().plusSeconds(600), "someone-else", null);
	}

	private byte[] serviceKey() {
		return this.signingKey.getEncoded();
	}

	/**
	 * Signs a token of a real login session of the user (its {@code sid} and {@code ver}
	 * taken from a token the service issued), so that only what the caller varies decides
	 * whether it is accepted.
	 */
	private String sign(UserSummary user, byte[] key, Instant expiresAt, String issuer, @Nullable String without) {
		JWTClaimsSet session;
		try {
			session = SignedJWT.parse(tokenFor(user)).getJWTClaimsSet();
		}
		catch (ParseException ex) {
			throw new IllegalStateException(ex);
		}
		var encoder = new NimbusJwtEncoder(new ImmutableSecret<>(new SecretKeySpec(key, "HmacSHA256")));
		JwtClaimsSet.Builder claims = JwtClaimsSet.builder()
			.issuer(issuer)
			.subject(Long.toString(user.id()))
			.issuedAt(expiresAt.minus(Duration.ofHours(1)))
			.expiresAt(expiresAt)
			.claim("username", user.username())
			.claim("orgId", user.orgId())
			.claim("roles", List.of("ADMIN"))
			.claim("sid", session.getClaim("sid"))
			.claim("ver", session.getClaim("ver"));
		if (without != null) {
			claims.claims((all) -> all.remove(without));
		}
		return encoder.encode(JwtEncoderParameters.from(JwsHeader.with(MacAlgorithm.HS256).build(), claims.build()))
			.getTokenValue();
	}

	public String tokenFor(UserSummary user) {
		return this.tokens.issue(user).value();
	}

	/**
	 * A response with its body as text, and as JSON on demand.
	 */
	public record Response(int status, HttpHeaders headers, String body) {

		public JsonNode json() {
			return JSON.readTree(this.body);
		}

		public String contentType() {
			return this.headers.firstValue("Content-Type").orElse("");
		}

		@Override
		public String toString() {
			return this.status + " " + this.body;
		}

	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Configuration {

		@Bean
		@Lazy
		TestApi testApi(WebServerApplicationContext context, UserAccounts accounts, AccessTokens tokens,
				Organizations organizations, IdentitySettings settings, SecretKey tokenSigningKey) {
			return new TestApi(context, accounts, tokens, organizations, settings, tokenSigningKey);
		}

	}

}
