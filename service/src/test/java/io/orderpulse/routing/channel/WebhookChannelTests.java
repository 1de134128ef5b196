package io.orderpulse.routing.channel;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.orderpulse.IntegrationTest;
import io.orderpulse.TestApi;
import io.orderpulse.TestApi.Response;
import io.orderpulse.identity.Role;
import io.orderpulse.identity.UserSummary;
import io.orderpulse.routing.Channel;
import io.orderpulse.routing.channel.TestHttpServer.Request;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The webhook channel in the running application: an admin configures the organization's
 * webhook through the API, and the channel's sender bean POSTs signed messages to a real
 * HTTP server started by the test.
 */
@IntegrationTest
class WebhookChannelTests {

	private static final Duration WAIT = Duration.ofSeconds(5);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Autowired
	TestApi api;

	@Autowired
	List<ChannelSender> senders;

	@Autowired
	WebhookSettings settings;

	@Autowired
	WebhookEndpoints endpoints;

	@Autowired
	JsonMapper json;

	TestHttpServer receiver;

	UserSummary admin;

	String token;

	@BeforeEach
	void start() throws Exception {
		this.receiver = TestHttpServer.start();
		this.admin = this.api.createUser("Webhook Org " + System.nanoTime(), "admin", Role.ADMIN);
		this.token = this.api.tokenFor(this.admin);
	}

	@AfterEach
	void stop() {
		this.receiver.close();
	}

	@Test
	void aMessageArrivesAsSignedJsonThatVerifiesWithTheSecretShownOnce() throws Exception {
		Response created = this.api.put("/api/v1/admin/webhook",
				"{\"url\": \"" + this.receiver.url("/hooks/orderpulse") + "\"}", this.token);
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		String secret = created.json().get("secret").asString();
		assertThat(secret).startsWith("whsec_").hasSizeGreaterThan(40);
		Response shown = this.api.get("/api/v1/admin/webhook", this.token);
		assertThat(shown.json().get("url").asString()).isEqualTo(this.receiver.url("/hooks/orderpulse").toString());
		assertThat(shown.json().has("secret")).as("the secret is shown once").isFalse();

		OutboundMessage message = Messages.message(this.admin.orgId(), "alice@example.com", "+8613800000000",
				"Order 42 shipped", "On its way: \"fast\" & safe");
		webhook().send(message);

		Request request = this.receiver.next(WAIT);
		assertThat(request).isNotNull();
		assertThat(request.method()).isEqualTo("POST");
		assertThat(request.uri().getPath()).isEqualTo("/hooks/orderpulse");
		assertThat(request.header("Content-Type")).isEqualTo("application/json");
		assertThat(request.header("X-OrderPulse-Message-Id")).isEqualTo("4711");
		assertThat(request.header("Upgrade")).as("plain HTTP/1.1, no h2c upgrade").isNull();
		String timestamp = request.header(WebhookSignature.TIMESTAMP_HEADER);
		String signature = request.header(WebhookSignature.SIGNATURE_HEADER);
		assertThat(Long.parseLong(timestamp)).isCloseTo(Instant.now().getEpochSecond(),
				org.assertj.core.data.Offset.offset(10L));
		assertThat(signature).matches("sha256=[0-9a-f]{64}");
		assertThat(WebhookSignature.verify(secret, timestamp, signature, request.body(), Instant.now(),
				WebhookSignature.DEFAULT_TOLERANCE))
			.as("the signature verifies with the secret")
			.isTrue();
		assertThat(signature).isEqualTo("sha256=" + hmacHex(secret, timestamp + "." + request.bodyText()));

		byte[] tampered = request.bodyText().replace("Order 42", "Order 43").getBytes(StandardCharsets.UTF_8);
		assertThat(WebhookSignature.verify(secret, timestamp, signature, tampered, Instant.now(),
				WebhookSignature.DEFAULT_TOLERANCE))
			.as("a changed body does not verify")
			.isFalse();
		assertThat(WebhookSignature.verify(secret, timestamp, signature, request.body(),
				Instant.now().plus(Duration.ofMinutes(6)), WebhookSignature.DEFAULT_TOLERANCE))
			.as("a replay six minutes later is rejected")
			.isFalse();
		assertThat(WebhookSignature.verify("whsec_other", timestamp, signature, request.body(), Instant.now(),
				WebhookSignature.DEFAULT_TOLERANCE))
			.isFalse();

		JsonNode body = JSON.readTree(request.body());
		assertThat(body.get("id").asLong()).isEqualTo(4711L);
		assertThat(body.get("orgId").asLong()).isEqualTo(this.admin.orgId());
		assertThat(body.get("recipient").get("userId").asLong()).isEqualTo(7L);
		assertThat(body.get("recipient").get("username").asString()).isEqualTo("alice");
		assertThat(body.get("recipient").get("displayName").asString()).isEqualTo("Alice Chen");
		assertThat(body.get("recipient").has("email")).as("contact details stay home").isFalse();
		assertThat(body.get("title").asString()).isEqualTo("Order 42 shipped");
		assertThat(body.get("content").asString()).isEqualTo("On its way: \"fast\" & safe");
		assertThat(body.get("type").asString()).isEqualTo("ORDER");
		assertThat(body.get("priority").asString()).isEqualTo("HIGH");
		assertThat(body.get("category").asString()).isEqualTo("shipping");
		assertThat(Instant.parse(body.get("createdTime").asString())).isEqualTo(Messages.CREATED);
	}

	@Test
	void changingTheUrlKeepsTheSecretAndARotationReplacesIt() throws Exception {
		String first = this.api
			.put("/api/v1/admin/webhook", "{\"url\": \"" + this.receiver.url("/old") + "\"}", this.token)
			.json()
			.get("secret")
			.asString();
		Response moved = this.api.put("/api/v1/admin/webhook", "{\"url\": \"" + this.receiver.url("/new") + "\"}",
				this.token);
		assertThat(moved.status()).isEqualTo(200);
		assertThat(moved.json().has("secret")).isFalse();
		OutboundMessage message = Messages.message(this.admin.orgId(), null, null, "Hello", "World");
		webhook().send(message);
		Request toNew = this.receiver.next(WAIT);
		assertThat(toNew.uri().getPath()).isEqualTo("/new");
		assertThat(verifies(first, toNew)).isTrue();

		Response rotated = this.api.post("/api/v1/admin/webhook/secret", null, this.token);
		assertThat(rotated.status()).isEqualTo(200);
		String second = rotated.json().get("secret").asString();
		assertThat(second).isNotEqualTo(first);
		webhook().send(message);
		Request afterRotation = this.receiver.next(WAIT);
		assertThat(verifies(second, afterRotation)).isTrue();
		assertThat(verifies(first, afterRotation)).as("the old secret stops working").isFalse();
	}

	@Test
	void anAdminSendsATestMessageAndSeesWhatTheReceiverAnswered() throws Exception {
		assertThat(this.api.post("/api/v1/admin/webhook/test", null, this.token).status()).isEqualTo(404);
		String secret = this.api
			.put("/api/v1/admin/webhook", "{\"url\": \"" + this.receiver.url("/hook") + "\"}", this.token)
			.json()
			.get("secret")
			.asString();

		Response delivered = this.api.post("/api/v1/admin/webhook/test", null, this.token);
		assertThat(delivered.status()).as(delivered.toString()).isEqualTo(200);
		assertThat(delivered.json().get("delivered").asBoolean()).isTrue();
		Request request = this.receiver.next(WAIT);
		assertThat(verifies(secret, request)).isTrue();
		JsonNode body = JSON.readTree(request.body());
		assertThat(body.get("id").asLong()).isZero();
		assertThat(body.get("type").asString()).isEqualTo("SYSTEM");
		assertThat(body.get("recipient").get("userId").asLong()).isEqualTo(this.admin.id());

		this.receiver.answer(401, "bad signature");
		Response refused = this.api.post("/api/v1/admin/webhook/test", null, this.token);
		assertThat(refused.json().get("delivered").asBoolean()).isFalse();
		assertThat(refused.json().get("status").asInt()).isEqualTo(401);
		assertThat(refused.json().get("error").asString()).contains("HTTP 401")
			.as("the receiver's answer is not quoted")
			.doesNotContain("bad signature");
		assertThat(refused.json().get("retryable").asBoolean()).isFalse();
	}

	@Test
	void invalidUrlsAreRefusedNamingTheFieldAndOnlyAdminsConfigure() {
		for (String body : List.of("{}", "{\"url\": \"\"}", "{\"url\": \"ftp://example.com/hook\"}",
				"{\"url\": \"/relative/hook\"}", "{\"url\": \"not a url\"}", "{\"url\": \"http://\"}",
				"{\"url\": \"https://user:pw@example.com/hook\"}",
				"{\"url\": \"https://example.com/" + "x".repeat(2000) + "\"}")) {
			Response response = this.api.put("/api/v1/admin/webhook", body, this.token);
			assertThat(response.status()).as(body + " -> " + response).isEqualTo(400);
			assertThat(response.body()).as(body).contains("\"field\":\"url\"");
		}
		assertThat(this.api.get("/api/v1/admin/webhook", this.token).status()).as("nothing was stored").isEqualTo(404);

		String buyer = this.api.tokenFor(this.api.createUser("Webhook Buyers", "buyer", Role.BUYER));
		assertThat(this.api.put("/api/v1/admin/webhook", "{\"url\": \"https://example.com/hook\"}", buyer).status())
			.isEqualTo(403);
		assertThat(this.api.get("/api/v1/admin/webhook", buyer).status()).isEqualTo(403);
	}

	@Test
	void withoutAWebhookTheChannelFailsForGood() {
		this.api.put("/api/v1/admin/webhook", "{\"url\": \"" + this.receiver.url("/hook") + "\"}", this.token);
		assertThat(this.api.delete("/api/v1/admin/webhook", this.token).status()).isEqualTo(204);
		assertThat(this.api.get("/api/v1/admin/webhook", this.token).status()).isEqualTo(404);
		assertThat(this.api.post("/api/v1/admin/webhook/secret", null, this.token).status()).isEqualTo(404);

		assertThatExceptionOfType(ChannelFailure.class)
			.isThrownBy(() -> webhook().send(Messages.message(this.admin.orgId(), null, null, "Hello", "World")))
			.satisfies((failure) -> assertThat(failure.isRetryable()).isFalse())
			.withMessageContaining("Webhook not configured");
		assertThat(this.receiver.received()).isZero();
	}

	@Test
	void withoutAllowedNetworksAWebhookOnThisMachineIsNeverCalled() throws Exception {
		this.api.put("/api/v1/admin/webhook", "{\"url\": \"" + this.receiver.url("/hook") + "\"}", this.token);
		WebhookAddressGuard byDefault = new WebhookAddressGuard(new WebhookAddressPolicy(List.of()));
		try (WebhookSender sender = new WebhookSender(this.endpoints, this.settings, this.json, byDefault,
				java.time.Clock.systemUTC())) {
			assertThatExceptionOfType(ChannelFailure.class)
				.isThrownBy(() -> sender.send(Messages.message(this.admin.orgId(), null, null, "Hello", "World")))
				.satisfies((failure) -> assertThat(failure.isRetryable()).isFalse())
				.withMessageContaining("resolves to 127.0.0.1");
		}
		assertThat(this.receiver.next(Duration.ofMillis(200))).isNull();
	}

	@Test
	void aServerErrorIsRetryableAndAClientErrorIsNot() throws Exception {
		this.api.put("/api/v1/admin/webhook", "{\"url\": \"" + this.receiver.url("/hook") + "\"}", this.token);
		OutboundMessage message = Messages.message(this.admin.orgId(), null, null, "Hello", "World");

		this.receiver.answer(500, "internal error");
		assertThatExceptionOfType(ChannelFailure.class).isThrownBy(() -> webhook().send(message))
			.satisfies((failure) -> assertThat(failure.isRetryable()).isTrue())
			.withMessageContaining("HTTP 500");
		this.receiver.answer(404, "no such hook");
		assertThatExceptionOfType(ChannelFailure.class).isThrownBy(() -> webhook().send(message))
			.satisfies((failure) -> assertThat(failure.isRetryable()).isFalse())
			.withMessageContaining("HTTP 404");
		this.receiver.answer(204, "");
		webhook().send(message);
		assertThat(this.receiver.received()).isEqualTo(3);
	}

	@Test
	void aHangingReceiverFailsWithinTheReadTimeoutWhileAnotherDeliveryGoesThrough() throws Exception {
		this.api.put("/api/v1/admin/webhook", "{\"url\": \"" + this.receiver.url("/slow") + "\"}", this.token);
		this.receiver.hang();
		try (TestHttpServer other = TestHttpServer.start()) {
			UserSummary otherAdmin = this.api.createUser("Webhook Other " + System.nanoTime(), "admin", Role.ADMIN);
			this.api.put("/api/v1/admin/webhook", "{\"url\": \"" + other.url("/fast") + "\"}",
					this.api.tokenFor(otherAdmin));

			long start = System.nanoTime();
			CompletableFuture<Throwable> slow = CompletableFuture.supplyAsync(() -> {
				try {
					webhook().send(Messages.message(this.admin.orgId(), null, null, "Slow", "lane"));
					return null;
				}
				catch (ChannelFailure failure) {
					return failure;
				}
			});
			assertThat(this.receiver.next(WAIT)).as("the slow request arrived").isNotNull();
			webhook().send(Messages.message(otherAdmin.orgId(), null, null, "Fast", "lane"));
			assertThat(other.next(WAIT)).isNotNull();
			assertThat(slow).as("the other delivery did not wait for the hanging one").isNotDone();

			Throwable failure = slow.get(10, java.util.concurrent.TimeUnit.SECONDS);
			Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
			assertThat(failure).isInstanceOf(ChannelFailure.class);
			assertThat(((ChannelFailure) failure).isRetryable()).isTrue();
			assertThat(elapsed).isGreaterThanOrEqualTo(this.settings.readTimeout())
				.isLessThan(this.settings.connectTimeout().plus(this.settings.readTimeout()).plusSeconds(3));
		}
	}

	private ChannelSender webhook() {
		return this.senders.stream().filter((sender) -> sender.channel() == Channel.WEBHOOK).findFirst().orElseThrow();
	}

	private static boolean verifies(String secret, Request request) {
		return WebhookSignature.verify(secret, request.header(WebhookSignature.TIMESTAMP_HEADER),
				request.header(WebhookSignature.SIGNATURE_HEADER), request.body(), Instant.now(),
				WebhookSignature.DEFAULT_TOLERANCE);
	}

	/**
	 * The signature as a receiver in another language would compute it, without
	 * {@link WebhookSignature}.
	 */
	private static String hmacHex(String secret, String signed) throws Exception {
		javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
		mac.init(new javax.crypto.spec.SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
		return java.util.HexFormat.of().formatHex(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
	}

}
