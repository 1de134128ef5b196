package io.orderpulse.routing.channel;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

import io.orderpulse.platform.Problems;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The organizations' webhooks: one URL and one signing secret each.
 */
@Service
public class WebhookEndpoints {

	/** The longest URL accepted (the column's size). */
	static final int MAX_URL_LENGTH = 2000;

	private static final String SECRET_PREFIX = "whsec_";

	private final SecureRandom random = new SecureRandom();

	private final WebhookEndpointRepository endpoints;

	private final WebhookAddressGuard guard;

	WebhookEndpoints(WebhookEndpointRepository endpoints, WebhookAddressGuard guard) {
		this.endpoints = endpoints;
		this.guard = guard;
	}

	@Transactional(readOnly = true)
	public Optional<WebhookEndpoint> find(long orgId) {
		return this.endpoints.find(orgId);
	}

	/**
	 * Sets the organization's webhook URL. A new webhook gets a new secret; changing the
	 * URL of an existing one keeps its secret, so receivers need not change.
	 * @return the webhook and whether it is new (only then should its secret be shown)
	 * @throws org.springframework.web.ErrorResponseException a 400 naming {@code url}
	 * unless it is an absolute http or https URL of at most 2000 characters whose host is
	 * a name or an IP address in the usual spelling, and one that does not resolve to an
	 * address webhooks may not call ({@link WebhookAddressPolicy}). This check is a
	 * courtesy to the admin: every connection is checked again
	 * ({@link WebhookAddressGuard}).
	 */
	// not transactional: the check may wait for DNS, which should not hold a connection,
	// and the upsert is one statement
	public Configured configure(long orgId, @Nullable String url) {
		String checked = checkUrl(url, this.guard);
		WebhookEndpointRepository.Saved saved = this.endpoints.save(orgId, checked, newSecret());
		return new Configured(saved.endpoint(), saved.created());
	}

	/**
	 * Gives the organization's webhook a new secret; the old one stops working at once.
	 * @return the webhook with the new secret, or empty if there is none
	 */
	@Transactional
	public Optional<WebhookEndpoint> rotateSecret(long orgId) {
		return this.endpoints.replaceSecret(orgId, newSecret());
	}

	/**
	 * Removes the organization's webhook, if any; the WEBHOOK channel then fails for its
	 * messages as not configured.
	 * @return whether there was one
	 */
	@Transactional
	public boolean remove(long orgId) {
		return this.endpoints.delete(orgId);
	}

	static String checkUrl(@Nullable String url, WebhookAddressGuard guard) {
		if (url == null || url.isBlank()) {
			throw Problems.invalidField("url", "is required");
		}
		String value = url.strip();
		if (value.length() > MAX_URL_LENGTH) {
			throw Problems.invalidField("url", "must be at most " + MAX_URL_LENGTH + " characters");
		}
		URI uri;
		try {
			uri = new URI(value);
		}
		catch (URISyntaxException ex) {
			throw Problems.invalidField("url", "must be an absolute http or https URL");
		}
		String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : "";
		if (!uri.isAbsolute() || !(scheme.equals("http") || scheme.equals("https"))) {
			throw Problems.invalidField("url", "must be an absolute http or https URL");
		}
		String host = host(uri);
		if (host.isEmpty()) {
			throw Problems.invalidField("url", "must be an absolute http or https URL");
		}
		if (WebhookAddressPolicy.isUnusualIpSpelling(host)) {
			throw Problems.invalidField("url",
					"must write an IPv4 address as four decimal numbers, such as 203.0.113.7 (not as one number, "
							+ "in octal or hexadecimal, shortened, or as an IPv4-mapped IPv6 address)");
		}
		if (uri.getHost() == null) {
			throw Problems.invalidField("url", "must be an absolute http or https URL");
		}
		if (uri.getRawUserInfo() != null) {
			throw Problems.invalidField("url", "must not carry credentials; verify the signature instead");
		}
		if (uri.getRawFragment() != null) {
			throw Problems.invalidField("url", "must not have a fragment");
		}
		try {
			guard.resolve(host);
		}
		catch (WebhookAddressGuard.RefusedAddress ex) {
			throw Problems.invalidField("url",
					"must not point at a loopback, private, link-local or other " + "special-purpose address ("
							+ ex.address().getHostAddress()
							+ ") unless its network is in orderpulse.routing.webhook.allowed-networks");
		}
		catch (UnknownHostException ex) {
			// a receiver not in DNS yet: every connection is checked
		}
		return value;
	}

	/**
	 * The URL's host, also when {@link URI} does not see one (a registry-based authority
	 * such as {@code 127.1:8080}, which other parsers read as an address).
	 */
	private static String host(URI uri) {
		if (uri.getHost() != null) {
			return uri.getHost();
		}
		String authority = uri.getRawAuthority();
		if (authority == null) {
			return "";
		}
		String host = authority.substring(authority.lastIndexOf('@') + 1);
		int colon = host.lastIndexOf(':');
		return (colon > host.lastIndexOf(']')) ? host.substring(0, colon) : host;
	}

	private String newSecret() {
		byte[] bytes = new byte[32];
		this.random.nextBytes(bytes);
		return SECRET_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	/**
	 * The outcome of {@link #configure(long, String)}.
	 *
	 * @param endpoint the webhook as stored
	 * @param created whether it did not exist before
	 */
	public record Configured(WebhookEndpoint endpoint, boolean created) {

	}

}
