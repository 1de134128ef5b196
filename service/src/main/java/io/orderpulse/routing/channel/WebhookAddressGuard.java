package io.orderpulse.routing.channel;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Optional;

import org.apache.hc.client5.http.DnsResolver;

/**
 * The webhook client's name resolution: it resolves the host and refuses the connection
 * when any of its addresses is one the {@link WebhookAddressPolicy} does not permit. The
 * HTTP client connects only to addresses this resolver returned, so the address checked
 * is the address connected to: a DNS server that answers differently between the check
 * and the connection (DNS rebinding) gains nothing. IP literals pass through here too.
 */
final class WebhookAddressGuard implements DnsResolver {

	private final WebhookAddressPolicy policy;

	private final NameResolution resolution;

	WebhookAddressGuard(WebhookAddressPolicy policy) {
		this(policy, InetAddress::getAllByName);
	}

	/**
	 * @param resolution how names become addresses (the system's resolver; a stub in
	 * tests)
	 */
	WebhookAddressGuard(WebhookAddressPolicy policy, NameResolution resolution) {
		this.policy = policy;
		this.resolution = resolution;
	}

	/**
	 * The host's addresses, all of them permitted.
	 * @throws RefusedAddress if any address is not permitted
	 * @throws UnknownHostException if the host does not resolve
	 */
	@Override
	public InetAddress[] resolve(String host) throws UnknownHostException {
		InetAddress[] addresses = this.resolution.resolve(host);
		Optional<InetAddress> refused = Arrays.stream(addresses)
			.filter((address) -> !this.policy.permits(address))
			.findFirst();
		if (refused.isPresent()) {
			throw new RefusedAddress(host, refused.get());
		}
		if (addresses.length == 0) {
			throw new UnknownHostException(host);
		}
		return addresses;
	}

	@Override
	public String resolveCanonicalHostname(String host) {
		// only for Kerberos service names, which webhooks do not use
		return host;
	}

	/**
	 * How a host name becomes addresses.
	 */
	@FunctionalInterface
	interface NameResolution {

		InetAddress[] resolve(String host) throws UnknownHostException;

	}

	/**
	 * A host resolved to an address webhooks may not call. An
	 * {@link UnknownHostException} because that is what a resolver may throw; nothing was
	 * connected to.
	 */
	static final class RefusedAddress extends UnknownHostException {

		private static final long serialVersionUID = 1L;

		private final String host;

		private final transient InetAddress address;

		RefusedAddress(String host, InetAddress address) {
			super("webhook host " + host + " resolves to " + address.getHostAddress()
					+ ", a loopback, private, link-local or other special-purpose address outside "
					+ "orderpulse.routing.webhook.allowed-networks");
			this.host = host;
			this.address = address;
		}

		String host() {
			return this.host;
		}

		InetAddress address() {
			return this.address;
		}

	}

}
