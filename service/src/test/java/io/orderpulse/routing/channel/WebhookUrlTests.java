package io.orderpulse.routing.channel;

import java.net.InetAddress;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.web.ErrorResponseException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Which webhook URLs an admin may configure, and which addresses webhooks may call. No
 * test here asks DNS: every host is an IP literal or {@code localhost} (the hosts file).
 */
class WebhookUrlTests {

	private static final WebhookAddressGuard DEFAULT = guard(List.of());

	@Test
	void byDefaultUrlsOfTheServersOwnNetworksAreRefusedNamingTheField() {
		for (String url : new String[] { "http://127.0.0.1:8080/hook", "http://localhost/hook", "http://10.1.2.3/",
				"http://172.16.0.1/", "http://192.168.1.1/", "http://169.254.169.254/latest/meta-data",
				"http://100.64.0.1/", "http://0.0.0.0/", "http://[::1]/hook", "http://[fd00::1]/", "http://[fe80::1]/",
				"http://[64:ff9b::a00:1]/", "http://[2002:a00:1::]/" }) {
			assertThatExceptionOfType(ErrorResponseException.class)
				.isThrownBy(() -> WebhookEndpoints.checkUrl(url, DEFAULT))
				.satisfies((ex) -> {
					assertThat(ex.getStatusCode().value()).as(url).isEqualTo(400);
					assertThat(ex.getBody().getProperties().get("errors").toString()).as(url)
						.contains("field=url")
						.contains("special-purpose address")
						.contains("allowed-networks");
				});
		}
	}

	@Test
	void anAllowedNetworkIsAcceptedAndNothingAroundIt() {
		WebhookAddressGuard office = guard(List.of("10.20.0.0/16", "fd12:3456::/48"));
		assertThat(WebhookEndpoints.checkUrl("http://10.20.3.4/hook", office)).isEqualTo("http://10.20.3.4/hook");
		assertThat(WebhookEndpoints.checkUrl("http://[fd12:3456::1]/hook", office))
			.isEqualTo("http://[fd12:3456::1]/hook");
		for (String url : new String[] { "http://10.21.0.1/hook", "http://127.0.0.1/hook", "http://[fd12:3457::1]/" }) {
			assertThatExceptionOfType(ErrorResponseException.class)
				.isThrownBy(() -> WebhookEndpoints.checkUrl(url, office));
		}
	}

	@Test
	void unusualSpellingsOfIpv4AddressesAreRefusedWhateverTheyDenote() {
		WebhookAddressGuard everything = guard(List.of("0.0.0.0/0", "::/0"));
		for (String url : new String[] { "http://2130706433/", "http://0x7f.1/", "http://0x7f000001/", "http://127.1/",
				"http://127.0.1/", "http://0177.0.0.1/", "http://127.0.0.01/", "http://127.0.0.1./",
				"http://[::ffff:127.0.0.1]/", "http://[::ffff:7f00:1]/", "http://8.8.8.8.:80/" }) {
			assertThatExceptionOfType(ErrorResponseException.class)
				.isThrownBy(() -> WebhookEndpoints.checkUrl(url, everything))
				.satisfies((ex) -> assertThat(ex.getBody().getProperties().get("errors").toString()).as(url)
					.contains("field=url")
					.contains("four decimal numbers"));
		}
	}

	@Test
	void publicAddressesAreAccepted() throws Exception {
		assertThat(WebhookEndpoints.checkUrl(" https://93.184.215.14/hooks/orderpulse ", DEFAULT))
			.isEqualTo("https://93.184.215.14/hooks/orderpulse");
		assertThat(WebhookEndpoints.checkUrl("http://[2001:4860:4860::8888]:8443/hook", DEFAULT))
			.isEqualTo("http://[2001:4860:4860::8888]:8443/hook");
		WebhookAddressPolicy policy = new WebhookAddressPolicy(List.of());
		for (String address : new String[] { "8.8.8.8", "1.1.1.1", "100.128.0.1", "198.20.0.1", "192.0.3.1",
				"2001:4860:4860::8888", "2a00:1450::1" }) {
			assertThat(policy.permits(InetAddress.getByName(address))).as(address).isTrue();
		}
	}

	@Test
	void everySpecialPurposeBlockIsRefusedByDefault() throws Exception {
		WebhookAddressPolicy policy = new WebhookAddressPolicy(List.of());
		for (String address : new String[] { "0.0.0.0", "0.1.2.3", "10.255.255.255", "100.64.0.1", "100.127.255.255",
				"127.0.0.1", "127.255.255.254", "169.254.169.254", "172.16.0.1", "172.31.255.255", "192.0.0.8",
				"192.0.2.1", "192.31.196.1", "192.52.193.1", "192.88.99.1", "192.168.0.1", "192.175.48.1", "198.18.0.1",
				"198.19.255.255", "198.51.100.1", "203.0.113.1", "224.0.0.1", "239.255.255.250", "240.0.0.1",
				"255.255.255.255", "::", "::1", "::ffff:127.0.0.1", "::127.0.0.1", "64:ff9b::7f00:1", "64:ff9b:1::1",
				"100::1", "2001::1", "2001:2::1", "2001:db8::1", "2002:7f00:1::", "3fff::1", "5f00::1", "fc00::1",
				"fd00::1", "fe80::1", "fec0::1", "ff02::1" }) {
			assertThat(policy.permits(InetAddress.getByName(address))).as(address).isFalse();
		}
	}

	@Test
	void anAllowedNetworkThatIsNotANetworkStopsTheStart() {
		for (String network : new String[] { "example.com", "10.0.0.0/33", "10.0.0.0/x", "010.0.0.0/8",
				"fd00::/129" }) {
			assertThatIllegalArgumentException().isThrownBy(() -> new WebhookAddressPolicy(List.of(network)))
				.withMessageContaining("allowed-networks")
				.withMessageContaining(network);
		}
	}

	private static WebhookAddressGuard guard(List<String> allowedNetworks) {
		return new WebhookAddressGuard(new WebhookAddressPolicy(allowedNetworks));
	}

}
