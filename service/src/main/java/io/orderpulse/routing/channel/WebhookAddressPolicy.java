package io.orderpulse.routing.channel;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Which addresses webhooks may call, so that an organization's admin cannot make the
 * server call its own networks (server-side request forgery): every address but the
 * special-purpose ones, unless the operator allowed its network
 * ({@link WebhookSettings#allowedNetworks()}).
 * <p>
 * Special-purpose means every block of IANA's IPv4 and IPv6 Special-Purpose Address
 * Registries (loopback, private, link-local, shared CGNAT space, documentation,
 * benchmarking, protocol assignments, the IPv6 prefixes that embed IPv4 addresses such as
 * NAT64 and 6to4, unique-local), plus multicast and the reserved 240.0.0.0/4. An
 * IPv4-mapped IPv6 address ({@code ::ffff:a.b.c.d}) is judged as the IPv4 address it
 * carries.
 */
final class WebhookAddressPolicy {

	private static final String OCTET = "(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])";

	/** An IPv4 address as four decimal numbers without leading zeros. */
	private static final Pattern DOTTED_QUAD = Pattern.compile(OCTET + "(\\." + OCTET + "){3}");

	/**
	 * A label that makes a host an IPv4 address to a WHATWG URL parser (browsers, many
	 * libraries): decimal, or hexadecimal with {@code 0x}.
	 */
	private static final Pattern NUMBER = Pattern.compile("[0-9]+|0x[0-9a-f]*");

	private static final List<Network> SPECIAL_PURPOSE = Arrays.stream(new String[] {
			// IPv4 (RFC 6890 and successors)
			"0.0.0.0/8", // "this network", the unspecified address
			"10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", // private
			"100.64.0.0/10", // shared address space (carrier-grade NAT)
			"127.0.0.0/8", // loopback
			"169.254.0.0/16", // link-local (cloud metadata at 169.254.169.254)
			"192.0.0.0/24", // IETF protocol assignments
			"192.0.2.0/24", "198.51.100.0/24", "203.0.113.0/24", // documentation
			"192.31.196.0/24", "192.52.193.0/24", "192.175.48.0/24", // AS112, AMT, direct
																		// delegation
																		// AS112
			"192.88.99.0/24", // deprecated 6to4 relay anycast
			"198.18.0.0/15", // benchmarking
			"224.0.0.0/4", // multicast
			"240.0.0.0/4", // reserved, and the limited broadcast 255.255.255.255
			// IPv6
			"::/96", // the unspecified address, loopback and the deprecated
						// IPv4-compatible addresses
			"64:ff9b::/96", "64:ff9b:1::/48", // NAT64: embed an IPv4 address
			"100::/64", "100:0:0:1::/64", // discard-only, dummy prefix
			"2001::/23", // IETF protocol assignments (Teredo, benchmarking, ORCHID, ...)
			"2001:db8::/32", "3fff::/20", // documentation
			"2002::/16", // 6to4: embeds an IPv4 address
			"5f00::/16", // segment routing (SRv6) SIDs
			"fc00::/7", // unique-local
			"fe80::/10", // link-local
			"fec0::/10", // deprecated site-local
			"ff00::/8", // multicast
	}).map(Network::parse).toList();

	private final List<Network> allowed;

	/**
	 * @param allowedNetworks CIDR blocks the operator allows despite being
	 * special-purpose
	 * @throws IllegalArgumentException naming the entry that is not a CIDR block of IP
	 * addresses
	 */
	WebhookAddressPolicy(List<String> allowedNetworks) {
		this.allowed = allowedNetworks.stream().map(Network::parse).toList();
	}

	/**
	 * Whether a webhook may connect to the address.
	 */
	boolean permits(InetAddress address) {
		InetAddress judged = unmapped(address);
		if (this.allowed.stream().anyMatch((network) -> network.contains(judged))) {
			return true;
		}
		return SPECIAL_PURPOSE.stream().noneMatch((network) -> network.contains(judged));
	}

	/**
	 * Whether a URL's host is an IP address spelled other than as four decimal numbers
	 * (such as {@code 2130706433}, {@code 0x7f.1}, {@code 127.1}, {@code 0177.0.0.1}) or
	 * as an IPv6 address that maps an IPv4 one ({@code [::ffff:127.0.0.1]}). Parsers
	 * disagree about such spellings, so none is accepted.
	 * @param host the host as the URL has it (IPv6 addresses in brackets)
	 */
	static boolean isUnusualIpSpelling(String host) {
		if (host.startsWith("[")) {
			try {
				return literal(host) instanceof Inet4Address;
			}
			catch (IllegalArgumentException ex) {
				return false;
			}
		}
		String name = host.toLowerCase(Locale.ROOT);
		boolean trailingDot = name.endsWith(".");
		if (trailingDot) {
			name = name.substring(0, name.length() - 1);
		}
		String last = name.substring(name.lastIndexOf('.') + 1);
		return NUMBER.matcher(last).matches() && (trailingDot || !DOTTED_QUAD.matcher(name).matches());
	}

	/**
	 * The IPv4 address an IPv4-mapped IPv6 address carries, else the address itself.
	 */
	private static InetAddress unmapped(InetAddress address) {
		byte[] bytes = address.getAddress();
		if (!(address instanceof Inet6Address) || bytes[10] != (byte) 0xff || bytes[11] != (byte) 0xff) {
			return address;
		}
		for (int i = 0; i < 10; i++) {
			if (bytes[i] != 0) {
				return address;
			}
		}
		try {
			return InetAddress.getByAddress(Arrays.copyOfRange(bytes, 12, 16));
		}
		catch (UnknownHostException ex) {
			throw new IllegalStateException("four bytes are an IPv4 address", ex);
		}
	}

	/**
	 * An IP address literal, parsed without asking DNS.
	 * @throws IllegalArgumentException if the text is not an IPv4 address of four decimal
	 * numbers or an IPv6 address
	 */
	static InetAddress literal(String text) {
		boolean ipv6 = text.contains(":");
		if (!ipv6 && !DOTTED_QUAD.matcher(text).matches()) {
			throw new IllegalArgumentException("not an IP address: " + text);
		}
		try {
			// in brackets the JDK parses IPv6 literally and never asks DNS
			return InetAddress.getByName((ipv6 && !text.startsWith("[")) ? "[" + text + "]" : text);
		}
		catch (UnknownHostException ex) {
			throw new IllegalArgumentException("not an IP address: " + text, ex);
		}
	}

	/**
	 * A block of addresses: a prefix and how many of its leading bits count.
	 */
	private record Network(byte[] prefix, int bits) {

		static Network parse(String cidr) {
			String text = cidr.strip();
			int slash = text.indexOf('/');
			String literalText = (slash < 0) ? text : text.substring(0, slash);
			InetAddress address;
			int bits;
			try {
				address = literal(literalText);
				int max = address.getAddress().length * 8;
				bits = (slash < 0) ? max : Integer.parseInt(text.substring(slash + 1));
				if (literalText.contains(":") && address instanceof Inet4Address && slash >= 0) {
					// written as an IPv4-mapped IPv6 block: the JDK gives the IPv4
					// address
					bits -= 96;
				}
				if (bits < 0 || bits > max) {
					throw new IllegalArgumentException("prefix length out of range");
				}
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalArgumentException("orderpulse.routing.webhook.allowed-networks: '" + cidr
						+ "' is not a network such as 10.20.0.0/16 or fd12:3456::/48", ex);
			}
			return new Network(address.getAddress(), bits);
		}

		boolean contains(InetAddress address) {
			byte[] bytes = address.getAddress();
			if (bytes.length != this.prefix.length) {
				return false;
			}
			int whole = this.bits / 8;
			for (int i = 0; i < whole; i++) {
				if (bytes[i] != this.prefix[i]) {
					return false;
				}
			}
			int rest = this.bits % 8;
			if (rest == 0) {
				return true;
			}
			int mask = (0xff << (8 - rest)) & 0xff;
			return (bytes[whole] & mask) == (this.prefix[whole] & mask);
		}

	}

}
