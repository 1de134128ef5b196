package io.orderpulse.routing.channel;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.orderpulse.routing.Channel;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.ClientProtocolException;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.Timeout;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Delivers a message by POSTing its JSON to the organization's webhook, signed (see
 * {@link WebhookSignature}). A 2xx answer is success; a 5xx, 408 or 429 answer, a refused
 * or timed-out connection and a late answer may succeed later; any other answer (4xx,
 * 3xx: redirects are not followed, a redirect could lead a signed request elsewhere, such
 * as to a private address) will not, nor will a host that resolves to an address webhooks
 * may not call.
 * <p>
 * The client is Apache HttpClient, not the JDK's, because it resolves names through the
 * {@link WebhookAddressGuard} given to it: the address checked is the address connected
 * to. Failures never quote the receiver's answer: its status is all that is kept.
 */
@Component
class WebhookSender implements ChannelSender, WebhookCall, AutoCloseable {

	/**
	 * Connections kept per receiver and in all; above the routing workers (8 by default).
	 */
	private static final int MAX_CONNECTIONS = 64;

	private static final ContentType JSON = ContentType.create("application/json");

	private final WebhookEndpoints endpoints;

	private final WebhookSettings settings;

	private final JsonMapper json;

	private final Clock clock;

	private final CloseableHttpClient client;

	/** Cancels a call still running when its time is up (a receiver that trickles). */
	private final ScheduledExecutorService deadlines = Executors
		.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("webhook-deadlines").factory());

	@Autowired
	WebhookSender(WebhookEndpoints endpoints, WebhookSettings settings, JsonMapper json, WebhookAddressGuard guard) {
		this(endpoints, settings, json, guard, Clock.systemUTC());
	}

	WebhookSender(WebhookEndpoints endpoints, WebhookSettings settings, JsonMapper json, DnsResolver guard,
			Clock clock) {
		this.endpoints = endpoints;
		this.settings = settings;
		this.json = json;
		this.clock = clock;
		this.client = client(settings, guard);
	}

	/**
	 * A client that resolves names only through the guard, connects within the connect
	 * timeout, waits at most the read timeout for each read, follows no redirects,
	 * retries nothing itself (the channel's retry policy does), keeps no cookies and uses
	 * no proxy from system properties.
	 */
	private static CloseableHttpClient client(WebhookSettings settings, DnsResolver guard) {
		Timeout connect = Timeout.of(settings.connectTimeout());
		Timeout read = Timeout.of(settings.readTimeout());
		return HttpClients.custom()
			.setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
				.setDnsResolver(guard)
				.setDefaultConnectionConfig(
						ConnectionConfig.custom().setConnectTimeout(connect).setSocketTimeout(read).build())
				.setMaxConnPerRoute(MAX_CONNECTIONS)
				.setMaxConnTotal(MAX_CONNECTIONS)
				.build())
			.setDefaultRequestConfig(RequestConfig.custom()
				.setConnectionRequestTimeout(connect)
				.setResponseTimeout(read)
				.setRedirectsEnabled(false)
				.build())
			.disableRedirectHandling()
			.disableAutomaticRetries()
			.disableCookieManagement()
			.disableAuthCaching()
			.disableContentCompression()
			.build();
	}

	@Override
	public Channel channel() {
		return Channel.WEBHOOK;
	}

	@Override
	public void send(OutboundMessage message) throws ChannelFailure {
		post(message);
	}

	@Override
	public int post(OutboundMessage message) throws ChannelFailure {
		Optional<WebhookEndpoint> endpoint = this.endpoints.find(message.orgId());
		if (endpoint.isEmpty()) {
			throw new ChannelFailure("Webhook not configured for organization " + message.orgId(), false);
		}
		URI uri = URI.create(endpoint.get().url());
		if (uri.getHost() == null || WebhookAddressPolicy.isUnusualIpSpelling(uri.getHost())) {
			// saved before such URLs were refused
			throw new ChannelFailure("webhook URL has no host in the usual spelling: set it again", false);
		}
		byte[] body = this.json.writeValueAsBytes(Payload.of(message));
		long timestamp = this.clock.instant().getEpochSecond();
		HttpPost request = new HttpPost(uri);
		request.setHeader("User-Agent", "OrderPulse-Webhook/1");
		request.setHeader("X-OrderPulse-Message-Id", Long.toString(message.messageId()));
		request.setHeader(WebhookSignature.TIMESTAMP_HEADER, Long.toString(timestamp));
		request.setHeader(WebhookSignature.SIGNATURE_HEADER,
				WebhookSignature.sign(endpoint.get().secret(), timestamp, body));
		request.setEntity(new ByteArrayEntity(body, JSON));
		int status = execute(request);
		if (status >= 200 && status < 300) {
			return status;
		}
		boolean retryable = status >= 500 || status == 408 || status == 429;
		throw new ChannelFailure("webhook answered HTTP " + status, retryable, status);
	}

	/**
	 * Sends the request and reads (and drops) the answer within the connect and the read
	 * timeout together; a call still running then is cancelled.
	 * @return the answer's status
	 */
	private int execute(HttpPost request) throws ChannelFailure {
		Duration bound = this.settings.connectTimeout().plus(this.settings.readTimeout());
		AtomicBoolean late = new AtomicBoolean();
		ScheduledFuture<?> deadline = this.deadlines.schedule(() -> {
			late.set(true);
			request.cancel();
		}, bound.toMillis(), TimeUnit.MILLISECONDS);
		try {
			return this.client.execute(request, (response) -> response.getCode());
		}
		catch (IOException ex) {
			if (late.get()) {
				throw new ChannelFailure("webhook did not answer within " + bound.toMillis() + " ms", true, ex);
			}
			throw failure(ex);
		}
		finally {
			deadline.cancel(false);
		}
	}

	/**
	 * What a failed call means, in words of our own: an exception's message may quote
	 * what the receiver sent.
	 */
	private ChannelFailure failure(IOException ex) {
		if (ex instanceof WebhookAddressGuard.RefusedAddress refused) {
			return new ChannelFailure(refused.getMessage(), false, ex);
		}
		if (ex instanceof UnknownHostException) {
			return new ChannelFailure("webhook host not found", true, ex);
		}
		if (ex instanceof ConnectTimeoutException) {
			return new ChannelFailure("could not connect to webhook: connect timed out", true, ex);
		}
		if (ex instanceof ConnectException) {
			return new ChannelFailure("could not connect to webhook: connection refused", true, ex);
		}
		if (ex instanceof SocketTimeoutException) {
			return new ChannelFailure(
					"webhook did not answer in time (read timeout " + this.settings.readTimeout().toMillis() + " ms)",
					true, ex);
		}
		if (ex instanceof ClientProtocolException) {
			return new ChannelFailure("webhook did not answer in valid HTTP", true, ex);
		}
		if (ex instanceof InterruptedIOException) {
			return new ChannelFailure("webhook call interrupted", true, ex);
		}
		return new ChannelFailure("webhook call failed (" + ex.getClass().getSimpleName() + ")", true, ex);
	}

	@Override
	public void close() {
		this.deadlines.shutdownNow();
		this.client.close(CloseMode.IMMEDIATE);
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
