package io.orderpulse.routing.channel;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.function.UnaryOperator;

import io.orderpulse.routing.Channel;
import tools.jackson.core.io.JsonStringEncoder;

import org.springframework.stereotype.Component;
import org.springframework.web.util.UriUtils;

/**
 * Delivers a message as a text message through a generic HTTP SMS gateway (see
 * {@link SmsSettings}): the text is the title and the content on two lines. A 2xx answer
 * is success; see {@link HttpExchange} for what is retried. Without a configured gateway
 * every attempt fails, not retryable: nothing pretends to send.
 */
@Component
class SmsSender implements ChannelSender, AutoCloseable {

	static final String NOT_CONFIGURED = "SMS gateway not configured (orderpulse.routing.sms.url)";

	private final SmsSettings settings;

	private final HttpClient client;

	SmsSender(SmsSettings settings) {
		this.settings = settings;
		this.client = HttpExchange.client(settings.connectTimeout());
	}

	@Override
	public Channel channel() {
		return Channel.SMS;
	}

	@Override
	public void send(OutboundMessage message) throws ChannelFailure {
		String template = this.settings.url();
		if (template == null || template.isBlank()) {
			throw new ChannelFailure(NOT_CONFIGURED, false);
		}
		String phone = message.recipient().phone();
		if (phone == null || phone.isBlank()) {
			throw new ChannelFailure("Recipient " + message.recipient().userId() + " has no phone number", false);
		}
		String text = text(message);
		URI uri;
		try {
			uri = URI.create(fill(template, phone, text, SmsSender::urlEncode));
		}
		catch (IllegalArgumentException ex) {
			throw new ChannelFailure("SMS gateway URL template is not a valid URL: " + ex.getMessage(), false, ex);
		}
		HttpRequest.Builder request = HttpRequest.newBuilder(uri)
			.timeout(this.settings.readTimeout())
			.header("User-Agent", "OrderPulse-SMS/1");
		authenticate(request);
		if (this.settings.method() == SmsSettings.Method.GET) {
			request.GET();
		}
		else {
			String body = (this.settings.body() != null) ? fill(this.settings.body(), phone, text, bodyEncoding()) : "";
			request.header("Content-Type", this.settings.contentType())
				.POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
		}
		HttpExchange.send(this.client, request.build(),
				this.settings.connectTimeout().plus(this.settings.readTimeout()), "SMS gateway");
	}

	@Override
	public void close() {
		this.client.shutdownNow();
	}

	private void authenticate(HttpRequest.Builder request) {
		String headerName = this.settings.authHeaderName();
		if (headerName != null && !headerName.isBlank() && this.settings.authHeaderValue() != null) {
			request.header(headerName, this.settings.authHeaderValue());
		}
		else if (this.settings.username() != null && this.settings.password() != null) {
			String credentials = this.settings.username() + ":" + this.settings.password();
			request.header("Authorization",
					"Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
		}
	}

	/**
	 * The title and the content, cut to the configured length.
	 */
	String text(OutboundMessage message) {
		String text = message.title().isBlank() ? message.content() : message.title() + "\n" + message.content();
		int max = Math.max(1, this.settings.maxLength());
		if (text.codePointCount(0, text.length()) <= max) {
			return text;
		}
		return text.substring(0, text.offsetByCodePoints(0, max - 1)) + "…";
	}

	private UnaryOperator<String> bodyEncoding() {
		String type = this.settings.contentType().toLowerCase(Locale.ROOT);
		if (type.contains("x-www-form-urlencoded")) {
			return SmsSender::formEncode;
		}
		if (type.contains("json")) {
			return SmsSender::jsonEscape;
		}
		return UnaryOperator.identity();
	}

	private static String fill(String template, String phone, String text, UnaryOperator<String> encode) {
		return template.replace("{phone}", encode.apply(phone)).replace("{text}", encode.apply(text));
	}

	/**
	 * Encoded for any part of a URL: everything but RFC 3986's unreserved characters is
	 * percent-encoded, so a text with {@code &}, {@code ?} or {@code /} stays one value.
	 */
	private static String urlEncode(String value) {
		return UriUtils.encode(value, StandardCharsets.UTF_8);
	}

	private static String formEncode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	private static String jsonEscape(String value) {
		return new String(JsonStringEncoder.getInstance().quoteAsCharArray(value));
	}

}
