package io.orderpulse.routing.channel;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.orderpulse.routing.Channel;
import io.orderpulse.routing.channel.SmsSettings.Method;
import io.orderpulse.routing.channel.TestHttpServer.Request;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The SMS channel against a real HTTP server standing in for a gateway.
 */
class SmsSenderTests {

	private static final Duration WAIT = Duration.ofSeconds(5);

	private static final String PHONE = "+8613800000000";

	final List<SmsSender> senders = new ArrayList<>();

	TestHttpServer gateway;

	@BeforeEach
	void start() throws Exception {
		this.gateway = TestHttpServer.start();
	}

	@AfterEach
	void stop() {
		this.gateway.close();
		this.senders.forEach(SmsSender::close);
	}

	@Test
	void aGetCarriesThePhoneAndTheTextUrlEncodedInTheUrlWithTheAuthHeader() throws Exception {
		SmsSender sender = sender(settings(this.gateway.base() + "/send?to={phone}&msg={text}", Method.GET, null,
				"application/x-www-form-urlencoded", "X-Api-Key", "key-123", null, null));
		assertThat(sender.channel()).isEqualTo(Channel.SMS);

		sender.send(Messages.message(1L, null, PHONE, "Sale & more", "50% off?\n今天 only / now"));

		Request request = this.gateway.next(WAIT);
		assertThat(request).isNotNull();
		assertThat(request.method()).isEqualTo("GET");
		assertThat(request.uri().getPath()).isEqualTo("/send");
		Map<String, String> query = form(request.uri().getRawQuery());
		assertThat(query).containsEntry("to", PHONE).containsEntry("msg", "Sale & more\n50% off?\n今天 only / now");
		assertThat(request.header("X-Api-Key")).isEqualTo("key-123");
		assertThat(request.header("Upgrade")).as("plain HTTP/1.1, no h2c upgrade").isNull();
	}

	@Test
	void aPostCarriesAFormBodyWithBasicCredentials() throws Exception {
		SmsSender sender = sender(settings(this.gateway.url("/sms").toString(), Method.POST, "to={phone}&text={text}",
				"application/x-www-form-urlencoded", null, null, "acct", "s3cret:pw"));

		sender.send(Messages.message(1L, null, PHONE, "Hi + bye", "a=b&c"));

		Request request = this.gateway.next(WAIT);
		assertThat(request).isNotNull();
		assertThat(request.method()).isEqualTo("POST");
		assertThat(request.header("Content-Type")).isEqualTo("application/x-www-form-urlencoded");
		assertThat(form(request.bodyText())).containsEntry("to", PHONE).containsEntry("text", "Hi + bye\na=b&c");
		assertThat(request.header("Authorization")).isEqualTo(
				"Basic " + Base64.getEncoder().encodeToString("acct:s3cret:pw".getBytes(StandardCharsets.UTF_8)));
	}

	@Test
	void aJsonBodyTemplateGetsJsonEscapedValues() throws Exception {
		SmsSender sender = sender(settings(this.gateway.url("/api/messages").toString(), Method.POST,
				"{\"to\": \"{phone}\", \"body\": \"{text}\"}", "application/json", "Authorization", "Bearer t0k", null,
				null));

		sender.send(Messages.message(1L, null, PHONE, "He said \"hi\"", "back\\slash\tand\nnew line"));

		Request request = this.gateway.next(WAIT);
		assertThat(request).isNotNull();
		JsonNode json = JsonMapper.builder().build().readTree(request.body());
		assertThat(json.get("to").asString()).isEqualTo(PHONE);
		assertThat(json.get("body").asString()).isEqualTo("He said \"hi\"\nback\\slash\tand\nnew line");
		assertThat(request.header("Authorization")).isEqualTo("Bearer t0k");
	}

	@Test
	void aLongTextIsCutToTheConfiguredLength() throws Exception {
		SmsSettings base = settings(this.gateway.base() + "/sms?text={text}", Method.GET, null,
				"application/x-www-form-urlencoded", null, null, null, null);
		SmsSender sender = sender(new SmsSettings(base.url(), base.method(), null, base.contentType(), null, null, null,
				null, 20, Duration.ofSeconds(1), Duration.ofSeconds(1)));

		sender.send(Messages.message(1L, null, PHONE, "Title", "a very long content that goes on"));

		String text = form(this.gateway.next(WAIT).uri().getRawQuery()).get("text");
		assertThat(text).hasSize(20).isEqualTo("Title\na very long c…");
	}

	@Test
	void aServerErrorIsRetryableAndAClientErrorIsNot() throws Exception {
		SmsSender sender = sender(settings(this.gateway.url("/sms").toString(), Method.POST, "to={phone}",
				"application/x-www-form-urlencoded", null, null, null, null));

		this.gateway.answer(503, "busy, try later");
		assertThatExceptionOfType(ChannelFailure.class).isThrownBy(() -> sender.send(Messages.to(null, PHONE)))
			.satisfies((failure) -> assertThat(failure.isRetryable()).isTrue())
			.withMessageContaining("HTTP 503")
			.withMessageContaining("busy, try later");

		this.gateway.answer(400, "{\"error\":\"invalid number\"}");
		assertThatExceptionOfType(ChannelFailure.class).isThrownBy(() -> sender.send(Messages.to(null, PHONE)))
			.satisfies((failure) -> assertThat(failure.isRetryable()).isFalse())
			.withMessageContaining("HTTP 400");
		assertThat(this.gateway.received()).isEqualTo(2);
	}

	@Test
	void aHangingGatewayIsARetryableFailureAfterTheReadTimeout() throws Exception {
		SmsSettings base = settings(this.gateway.url("/sms").toString(), Method.POST, "to={phone}",
				"application/x-www-form-urlencoded", null, null, null, null);
		SmsSender sender = sender(new SmsSettings(base.url(), base.method(), base.body(), base.contentType(), null,
				null, null, null, 500, Duration.ofSeconds(1), Duration.ofMillis(500)));
		this.gateway.hang();

		long start = System.nanoTime();
		assertThatExceptionOfType(ChannelFailure.class).isThrownBy(() -> sender.send(Messages.to(null, PHONE)))
			.satisfies((failure) -> assertThat(failure.isRetryable()).isTrue());
		Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
		assertThat(this.gateway.received()).isEqualTo(1);
		assertThat(elapsed).isGreaterThanOrEqualTo(Duration.ofMillis(500)).isLessThan(Duration.ofSeconds(4));
	}

	@Test
	void aGatewayThatIsDownIsRetryable() throws Exception {
		String url = this.gateway.url("/sms").toString();
		this.gateway.close();
		SmsSender sender = sender(
				settings(url, Method.GET, null, "application/x-www-form-urlencoded", null, null, null, null));

		assertThatExceptionOfType(ChannelFailure.class).isThrownBy(() -> sender.send(Messages.to(null, PHONE)))
			.satisfies((failure) -> assertThat(failure.isRetryable()).isTrue());
	}

	@Test
	void withoutAGatewayOrAPhoneNothingIsSentAndRetryingWouldNotHelp() throws Exception {
		SmsSender unconfigured = sender(
				settings(null, Method.POST, null, "application/x-www-form-urlencoded", null, null, null, null));
		assertThatExceptionOfType(ChannelFailure.class).isThrownBy(() -> unconfigured.send(Messages.to(null, PHONE)))
			.satisfies((failure) -> assertThat(failure.isRetryable()).isFalse())
			.withMessageContaining("SMS gateway not configured");

		SmsSender configured = sender(settings(this.gateway.url("/sms").toString(), Method.POST, "to={phone}",
				"application/x-www-form-urlencoded", null, null, null, null));
		assertThatExceptionOfType(ChannelFailure.class)
			.isThrownBy(() -> configured.send(Messages.to("alice@example.com", null)))
			.satisfies((failure) -> assertThat(failure.isRetryable()).isFalse())
			.withMessageContaining("no phone number");
		assertThat(this.gateway.next(Duration.ofMillis(200))).as("no request reached the gateway").isNull();
	}

	private static SmsSettings settings(@Nullable String url, Method method, @Nullable String body, String contentType,
			@Nullable String authHeaderName, @Nullable String authHeaderValue, @Nullable String username,
			@Nullable String password) {
		return new SmsSettings(url, method, body, contentType, authHeaderName, authHeaderValue, username, password, 500,
				Duration.ofSeconds(1), Duration.ofSeconds(2));
	}

	private SmsSender sender(SmsSettings settings) {
		SmsSender sender = new SmsSender(settings);
		this.senders.add(sender);
		return sender;
	}

	private static Map<String, String> form(String encoded) {
		return Arrays.stream(encoded.split("&"))
			.map((pair) -> pair.split("=", 2))
			.collect(Collectors.toMap((pair) -> URLDecoder.decode(pair[0], StandardCharsets.UTF_8),
					(pair) -> URLDecoder.decode(pair[1], StandardCharsets.UTF_8)));
	}

}
