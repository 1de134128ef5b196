package io.orderpulse.routing.channel;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import io.orderpulse.routing.Channel;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Delivers a message by POSTing its JSON to the organization's webhook, signed (see
 * {@link WebhookSignature}). A 2xx answer is success; see {@link HttpExchange} for what
 * is retried.
 */
@Component
class WebhookSender implements ChannelSender, AutoCloseable {

	private final WebhookEndpoints endpoints;

	private final WebhookSettings settings;

	private final JsonMapper json;

	private final Clock clock;

	private final HttpClient client;

	@Autowired
	WebhookSender(WebhookEndpoints endpoints, WebhookSettings settings, JsonMapper json) {
		this(endpoints, settings, json, Clock.systemUTC());
	}

	WebhookSender(WebhookEndpoints endpoints, WebhookSettings settings, JsonMapper json, Clock clock) {
		this.endpoints = endpoints;
		this.settings = settings;
		this.json = json;
		this.clock = clock;
		this.client = HttpExchange.client(settings.connectTimeout());
	}

	@Override
	public Channel channel() {
		return Channel.WEBHOOK;
	}

	@Override
	public void send(OutboundMessage message) throws ChannelFailure {
		Optional<WebhookEndpoint> endpoint = this.endpoints.find(message.orgId());
		if (endpoint.isEmpty()) {
			throw new ChannelFailure("Webhook not configured for organization " + message.orgId(), false);
		}
		URI uri = URI.create(endpoint.get().url());
		if (!this.settings.allowPrivateNetworks()) {
			checkPublic(uri);
		}
		byte[] body = this.json.writeValueAsBytes(Payload.of(message));
		long timestamp = this.clock.instant().getEpochSecond();
		HttpRequest request = HttpRequest.newBuilder(uri)
			.timeout(this.settings.readTimeout())
			.header("Content-Type", "application/json")
			.header("User-Agent", "OrderPulse-Webhook/1")
			.header("X-OrderPulse-Message-Id", Long.toString(message.messageId()))
			.header(WebhookSignature.TIMESTAMP_HEADER, Long.toString(timestamp))
			.header(WebhookSignature.SIGNATURE_HEADER, WebhookSignature.sign(endpoint.get().secret(), timestamp, body))
			.POST(HttpRequest.BodyPublishers.ofByteArray(body))
			.build();
		HttpExchange.send(this.client, request, this.settings.connectTimeout().plus(this.settings.readTimeout()),
				"webhook");
	}

	/**
	 * Refuses a host that resolves to a non-public address now (its DNS may have changed
	 * since the URL was configured). The HTTP client resolves the name again, so a DNS
	 * server that answers differently within seconds could still slip through; the check
	 * stops everything short of that.
	 */
	private static void checkPublic(URI uri) throws ChannelFailure {
		try {
			Optional<InetAddress> internal = PublicAddresses.firstNonPublic(uri.getHost());
			if (internal.isPresent()) {
				throw new ChannelFailure("webhook host " + uri.getHost() + " resolves to the non-public address "
						+ internal.get().getHostAddress(), false);
			}
		}
		catch (UnknownHostException ex) {
			throw new ChannelFailure("webhook host " + uri.getHost() + " not found", true, ex);
		}
	}

	@Override
	public void close() {
		this.client.shutdownNow();
	}

	/**
	 * The JSON body of a webhook request.
	 *
	 * @param id the message id
	 * @param orgId the organization
	 * @param recipient who the message is for
	 * @param title the title
	 * @param content the content
	 * @param type the message type
	 * @param priority the priority
	 * @param category the category, if any
	 * @param createdTime when the message was sent (ISO-8601)
	 */
	record Payload(long id, long orgId, Recipient recipient, String title, String content, String type, String priority,
			@Nullable String category, Instant createdTime) {

		static Payload of(OutboundMessage message) {
			OutboundMessage.Recipient to = message.recipient();
			return new Payload(message.messageId(), message.orgId(),
					new Recipient(to.userId(), to.username(), to.displayName()), message.title(), message.content(),
					message.type(), message.priority(), message.category(), message.createdTime());
		}

	}

	/**
	 * The recipient in a webhook body: who, not how to reach them (the receiver is the
	 * organization's own system, which knows its users).
	 */
	record Recipient(long userId, String username, String displayName) {

	}

}
