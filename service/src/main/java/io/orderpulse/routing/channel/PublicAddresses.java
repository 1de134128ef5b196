package io.orderpulse.routing.channel;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Optional;

/**
 * Tells public internet addresses from the server's own networks, so an organization's
 * webhook cannot be pointed at them (server-side request forgery).
 */
final class PublicAddresses {

	private PublicAddresses() {
	}

	/**
	 * The first address of the host that is not public, if any.
	 * @throws UnknownHostException if the host does not resolve
	 */
	static Optional<InetAddress> firstNonPublic(String host) throws UnknownHostException {
		return Arrays.stream(InetAddress.getAllByName(host)).filter((address) -> !isPublic(address)).findFirst();
	}

	static boolean isPublic(InetAddress address) {
		if (address.isAnyLocalAddress() || address.isLoopbackAddress() || address.isLinkLocalAddress()
				|| address.isSiteLocalAddress() || address.isMulticastAddress()) {
			return false;
		}
		byte[] bytes = address.getAddress();
		if (address instanceof Inet4Address) {
			int first = bytes[0] & 0xff;
			int second = bytes[1] & 0xff;
			// 0.0.0.0/8 "this network", 100.64.0.0/10 carrier-grade NAT, 192.0.0.0/24
			// protocol assignments, 198.18.0.0/15 benchmarking, 240.0.0.0/4 reserved
			return !(first == 0 || (first == 100 && second >= 64 && second < 128)
					|| (first == 192 && second == 0 && (bytes[2] & 0xff) == 0)
					|| (first == 198 && (second & 0xfe) == 18) || first >= 240);
		}
		if (address instanceof Inet6Address) {
			// fc00::/7 unique local addresses (the IPv6 private networks)
			return (bytes[0] & 0xfe) != 0xfc;
		}
		return true;
	}

}
