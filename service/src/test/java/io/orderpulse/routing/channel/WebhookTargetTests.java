package io.orderpulse.routing.channel;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import io.orderpulse.IntegrationTest;
import io.orderpulse.TestApi;
import io.orderpulse.TestApi.Response;
import io.orderpulse.identity.Role;
import io.orderpulse.identity.UserSummary;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * An organization's admin tries to point the webhook at the server's own networks
 * (server-side request forgery). The test profile allows exactly 127.0.0.1/32, where its
 * receivers run: every other special-purpose address, and every unusual spelling of an
 * allowed one, is refused when saved; and every connection is checked again, on the
 * address it connects to. Saving never connects; nothing here connects to an address
 * outside 127.0.0.0/8: the refusals of other addresses happen when the name is resolved,
 * before any socket is opened, and names resolve through a stub, never DNS.
 */
@IntegrationTest
class WebhookTargetTests {

	private static final WebhookAddressPolicy TEST_POLICY = new WebhookAddressPolicy(List.of("127.0.0.1/32"));

	@Autowired
	TestApi api;

	@Autowired
	WebhookEndpointRepository repository;

	@Autowired
	WebhookSettings settings;

	@Autowired
	JsonMapper json;

	TestHttpServer receiver;

	UserSummary admin;

	String token;

	@BeforeEach
	void start() throws Exception {
		this.receiver = TestHttpServer.start();
		this.admin = this.api.createUser("Webhook Targets " + System.nanoTime(), "admin", Role.ADMIN);
		this.token = this.api.tokenFor(this.admin);
	}

	@AfterEach
	void stop() {
		this.api.delete("/api/v1/admin/webhook", this.token);
		this.receiver.close();
	}

	@Test
	void addressesOutsideTheAllowedNetworksAreRefusedWhenSaved() {
		int port = this.receiver.port();
		// loopback but not 127.0.0.1; cloud
		// metadata (link-local); a private network; IPv6 loopback; unique-local; CGNAT;
		// documentation; multicast; the unspecified address
		for (String url : List.of("http://127.0.0.2:" + port + "/hook", "http://169.254.169.254/latest/meta-data/",
				"http://10.0.0.1/hook", "http://[::1]:" + port + "/hook", "http://[fd00::1]/hook",
				"http://100.64.0.1/hook", "http://192.0.2.1/hook", "http://[2001:db8::1]/hook", "http://224.0.0.1/hook",
				"http://0.0.0.0:" + port + "/hook", "http://[::]:" + port + "/hook")) {
			assertRefused(url, "allowed-networks");
		}
		assertThat(this.api.get("/api/v1/admin/webhook", this.token).status()).as("nothing was stored").isEqualTo(404);
		assertThat(this.receiver.received()).isZero();
	}

	@Test
	void unusualSpellingsOfAnAllowedAddressAreRefusedWhenSaved() {
		int port = this.receiver.port();
		// each denotes 127.0.0.1, which the test profile allows: refused for the
		// spelling,
		// the way a URL parser other than ours may read it differently
		for (String url : List.of("http://2130706433:" + port + "/hook", "http://0x7f.1:" + port + "/hook",
				"http://127.1:" + port + "/hook", "http://0177.0.0.1:" + port + "/hook",
				"http://127.000.000.001:" + port + "/hook", "http://[::ffff:127.0.0.1]:" + port + "/hook",
				"http://[::ffff:7f00:1]:" + port + "/hook", "http://[::ffff:127.0.0.2]:" + port + "/hook")) {
			assertRefused(url, "four decimal numbers");
		}
		assertThat(this.receiver.received()).isZero();
		Response allowed = this.api.put("/api/v1/admin/webhook", "{\"url\": \"http://127.0.0.1:" + port + "/hook\"}",
				this.token);
		assertThat(allowed.status()).as(allowed.toString()).isEqualTo(201);
	}

	@Test
	void theTestCallReportsStatusAndTimingButNeverWhatTheReceiverAnswered() throws Exception {
		String marker = "internal-banner-" + System.nanoTime();
		this.api.put("/api/v1/admin/webhook", "{\"url\": \"" + this.receiver.url("/hook") + "\"}", this.token);
		for (int status : new int[] { 500, 401, 200 }) {
			this.receiver.answer(status, marker + " Server: secret/1.0 " + marker);
			Response result = this.api.post("/api/v1/admin/webhook/test", null, this.token);
			assertThat(result.status()).as(result.toString()).isEqualTo(200);
			assertThat(result.body()).as("the answer's body is not quoted").doesNotContain(marker);
			assertThat(result.json().get("delivered").asBoolean()).isEqualTo(status == 200);
			assertThat(result.json().get("status").asInt()).isEqualTo(status);
			assertThat(result.json().get("durationMs").asLong()).isBetween(0L, 10_000L);
			assertThat(this.receiver.next(Duration.ofSeconds(5))).isNotNull();
		}
	}

	@Test
	void aNameThatResolvesToAnotherAddressWhenSentIsRefusedAtTheConnection() throws Exception {
		int port = this.receiver.port();
		// the attacker's DNS server answers the allowed address when the URL is saved,
		// then
		// another loopback address (where a service listens), then the allowed one again
		Queue<String> answers = new ConcurrentLinkedQueue<>(List.of("127.0.0.1", "127.0.0.3", "127.0.0.1"));
		WebhookAddressGuard guard = new WebhookAddressGuard(TEST_POLICY, (host) -> {
			assertThat(host).isEqualTo("rebinding.test");
			return new InetAddress[] { WebhookAddressPolicy.literal(answers.remove()) };
		});
		WebhookEndpoints endpoints = new WebhookEndpoints(this.repository, guard);
		endpoints.configure(this.admin.orgId(), "http://rebinding.test:" + port + "/hook");
		try (TestHttpServer internal = TestHttpServer.start(new InetSocketAddress("127.0.0.3", port));
				WebhookSender sender = sender(endpoints, guard)) {
			assertThatExceptionOfType(ChannelFailure.class).isThrownBy(() -> sender.send(message()))
				.satisfies((failure) -> assertThat(failure.isRetryable()).isFalse())
				.satisfies((failure) -> assertThat(failure.getCause())
					.isInstanceOf(WebhookAddressGuard.RefusedAddress.class))
				.withMessageContaining("resolves to 127.0.0.3");
			assertThat(internal.next(Duration.ofMillis(300))).as("nothing reached 127.0.0.3").isNull();

			sender.send(message());
			TestHttpServer.Request request = this.receiver.next(Duration.ofSeconds(5));
			assertThat(request).as("the allowed address is called").isNotNull();
			assertThat(request.header("Host")).isEqualTo("rebinding.test:" + port);
			assertThat(internal.received()).isZero();
		}
	}

	@Test
	void addressesSavedBeforeOrElsewhereAreRefusedBeforeAnySocketIsOpened() throws Exception {
		int port = this.receiver.port();
		// URLs stored while another policy held (before this one, or by hand in the
		// database): the check when sending does not rely on the check when saving
		WebhookAddressGuard guard = new WebhookAddressGuard(TEST_POLICY, (host) -> switch (host) {
			case "metadata.test" -> new InetAddress[] { WebhookAddressPolicy.literal("169.254.169.254") };
			// an AAAA record of an IPv4-mapped address: judged as 127.0.0.2
			case "mapped.test" -> new InetAddress[] { Inet6Address.getByAddress(null,
					new byte[] { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, 127, 0, 0, 2 }, -1) };
			case "split.test" -> new InetAddress[] { WebhookAddressPolicy.literal("127.0.0.1"),
					WebhookAddressPolicy.literal("10.0.0.1") };
			// IP literals parse without DNS
			default -> new InetAddress[] { WebhookAddressPolicy.literal(host) };
		});
		try (TestHttpServer second = TestHttpServer.start(new InetSocketAddress("127.0.0.2", port));
				WebhookSender sender = sender(new WebhookEndpoints(this.repository, guard), guard)) {
			for (String url : List.of("http://127.0.0.2:" + port + "/hook", "http://mapped.test:" + port + "/hook",
					"http://169.254.169.254/latest/meta-data/", "http://10.0.0.1/hook", "http://metadata.test/hook",
					"http://split.test:" + port + "/hook")) {
				this.repository.save(this.admin.orgId(), url, "whsec_stored");
				long start = System.nanoTime();
				assertThatExceptionOfType(ChannelFailure.class).as(url)
					.isThrownBy(() -> sender.send(message()))
					.satisfies((failure) -> assertThat(failure.isRetryable()).isFalse())
					.satisfies((failure) -> assertThat(failure.getCause()).as("refused when resolved")
						.isInstanceOf(WebhookAddressGuard.RefusedAddress.class));
				assertThat(Duration.ofNanos(System.nanoTime() - start)).as("no connection was tried")
					.isLessThan(this.settings.connectTimeout());
			}
			assertThat(second.next(Duration.ofMillis(300))).as("nothing reached 127.0.0.2").isNull();
			assertThat(this.receiver.received()).as("nor 127.0.0.1, for a name with one address outside").isZero();
		}
	}

	@Test
	void aRedirectToAnotherAddressIsNotFollowed() throws Exception {
		try (TestHttpServer second = TestHttpServer.start(new InetSocketAddress("127.0.0.2", 0))) {
			this.receiver.answer(307, "", "Location", "http://127.0.0.2:" + second.port() + "/internal");
			this.api.put("/api/v1/admin/webhook", "{\"url\": \"" + this.receiver.url("/hook") + "\"}", this.token);
			Response result = this.api.post("/api/v1/admin/webhook/test", null, this.token);
			assertThat(result.json().get("delivered").asBoolean()).isFalse();
			assertThat(result.json().get("status").asInt()).isEqualTo(307);
			assertThat(result.json().get("retryable").asBoolean()).isFalse();
			assertThat(second.next(Duration.ofMillis(300))).isNull();
		}
	}

	private WebhookSender sender(WebhookEndpoints endpoints, WebhookAddressGuard guard) {
		return new WebhookSender(endpoints, this.settings, this.json, guard, Clock.systemUTC());
	}

	private OutboundMessage message() {
		return Messages.message(this.admin.orgId(), null, null, "Hello", "World");
	}

	private void assertRefused(String url, String because) {
		Response response = this.api.put("/api/v1/admin/webhook", "{\"url\": \"" + url + "\"}", this.token);
		assertThat(response.status()).as(url + " -> " + response).isEqualTo(400);
		assertThat(response.body()).as(url).contains("\"field\":\"url\"").contains(because);
	}

}
