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

	private final WebhookSettings settings;

	WebhookEndpoints(WebhookEndpointRepository endpoints, WebhookSettings settings) {
		this.endpoints = endpoints;
		this.settings = settings;
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
	 * unless it is an absolute http or https URL of at most 2000 characters, and one
	 * whose host resolves to public addresses only unless private networks are allowed
	 * ({@link WebhookSettings#allowPrivateNetworks()})
	 */
	// not transactional: the check may wait for DNS, which should not hold a connection,
	// and the upsert is one statement
	public Configured configure(long orgId, @Nullable String url) {
		String checked = checkUrl(url, this.settings.allowPrivateNetworks());
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

	static String checkUrl(@Nullable String url, boolean allowPrivateNetworks) {
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
		if (!uri.isAbsolute() || !(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null
				|| uri.getHost().isEmpty()) {
			throw Problems.invalidField("url", "must be an absolute http or https URL");
		}
		if (uri.getRawUserInfo() != null) {
			throw Problems.invalidField("url", "must not carry credentials; verify the signature instead");
		}
		if (uri.getRawFragment() != null) {
			throw Problems.invalidField("url", "must not have a fragment");
		}
		if (!allowPrivateNetworks) {
			try {
				if (PublicAddresses.firstNonPublic(uri.getHost()).isPresent()) {
					throw Problems.invalidField("url", "must not point at a loopback, private or link-local address");
				}
			}
			catch (UnknownHostException ex) {
				// a receiver not in DNS yet: every send checks again
			}
		}
		return value;
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
