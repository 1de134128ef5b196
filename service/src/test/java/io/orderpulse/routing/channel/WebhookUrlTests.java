package io.orderpulse.routing.channel;

import java.net.InetAddress;

import org.junit.jupiter.api.Test;

import org.springframework.web.ErrorResponseException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Which webhook URLs an admin may configure when private networks are not allowed (the
 * default outside the demo).
 */
class WebhookUrlTests {

	@Test
	void urlsOfTheServersOwnNetworksAreRefusedNamingTheField() {
		for (String url : new String[] { "http://127.0.0.1:8080/hook", "http://localhost/hook", "http://10.1.2.3/",
				"http://172.16.0.1/", "http://192.168.1.1/", "http://169.254.169.254/latest/meta-data",
				"http://100.64.0.1/", "http://0.0.0.0/", "http://[::1]/hook", "http://[fd00::1]/", "http://[fe80::1]/",
				"http://[::ffff:127.0.0.1]/" }) {
			assertThatExceptionOfType(ErrorResponseException.class)
				.isThrownBy(() -> WebhookEndpoints.checkUrl(url, false))
				.satisfies((ex) -> {
					assertThat(ex.getStatusCode().value()).as(url).isEqualTo(400);
					assertThat(ex.getBody().getProperties().get("errors").toString()).contains("field=url")
						.contains("loopback, private or link-local");
				});
			assertThat(WebhookEndpoints.checkUrl(url, true)).as("allowed when private networks are").isEqualTo(url);
		}
	}

	@Test
	void publicAddressesAreAccepted() throws Exception {
		assertThat(WebhookEndpoints.checkUrl(" https://93.184.215.14/hooks/orderpulse ", false))
			.isEqualTo("https://93.184.215.14/hooks/orderpulse");
		assertThat(WebhookEndpoints.checkUrl("http://[2001:4860:4860::8888]:8443/hook", false))
			.isEqualTo("http://[2001:4860:4860::8888]:8443/hook");
		for (String address : new String[] { "8.8.8.8", "1.1.1.1", "100.128.0.1", "2001:4860:4860::8888" }) {
			assertThat(PublicAddresses.isPublic(InetAddress.getByName(address))).as(address).isTrue();
		}
		for (String address : new String[] { "100.127.255.255", "198.18.0.1", "240.0.0.1", "224.0.0.1", "fc00::1" }) {
			assertThat(PublicAddresses.isPublic(InetAddress.getByName(address))).as(address).isFalse();
		}
	}

}
