package io.orderpulse.routing.channel;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * One bounded HTTP call of a channel adapter, and what its outcome means for retries: a
 * 2xx answer is success; a 5xx, 408 or 429 answer, a refused or timed-out connection and
 * a late answer may succeed later; any other answer (4xx, 3xx: redirects are not
 * followed) will not.
 */
final class HttpExchange {

	/** How much of an error answer's body goes into the failure message. */
	private static final int SNIPPET = 200;

	private HttpExchange() {
	}

	/**
	 * A client that connects within the timeout and does not follow redirects (a redirect
	 * could lead a signed request elsewhere). HTTP/1.1: over plain http the JDK's HTTP/2
	 * default adds {@code Upgrade: h2c} to every request, which some receivers refuse,
	 * and one request at a time gains nothing from HTTP/2.
	 */
	static HttpClient client(Duration connectTimeout) {
		return HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(connectTimeout)
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
	}

	/**
	 * Sends the request (whose own timeout bounds the wait for the answer's headers) and
	 * reads the answer, all within {@code bound}; a call still running then is cancelled.
	 * @param what what is called, for messages ("webhook", "SMS gateway")
	 * @throws ChannelFailure unless the answer is a 2xx
	 */
	static void send(HttpClient client, HttpRequest request, Duration bound, String what) throws ChannelFailure {
		BoundedBody body = new BoundedBody();
		CompletableFuture<HttpResponse<Void>> call = client.sendAsync(request,
				(info) -> HttpResponse.BodySubscribers.ofByteArrayConsumer(body));
		HttpResponse<Void> response;
		try {
			response = call.get(bound.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException ex) {
			call.cancel(true);
			throw new ChannelFailure(what + " did not answer within " + bound.toMillis() + " ms", true, ex);
		}
		catch (InterruptedException ex) {
			call.cancel(true);
			Thread.currentThread().interrupt();
			throw new ChannelFailure(what + " call interrupted", true, ex);
		}
		catch (ExecutionException ex) {
			throw failure(what, ex.getCause());
		}
		int status = response.statusCode();
		if (status >= 200 && status < 300) {
			return;
		}
		String detail = what + " answered HTTP " + status + body.snippet();
		boolean retryable = status >= 500 || status == 408 || status == 429;
		throw new ChannelFailure(detail, retryable);
	}

	private static ChannelFailure failure(String what, Throwable cause) {
		if (cause instanceof HttpConnectTimeoutException) {
			return new ChannelFailure("could not connect to " + what + ": connect timed out", true, cause);
		}
		if (cause instanceof HttpTimeoutException) {
			return new ChannelFailure(what + " did not answer in time: " + cause.getMessage(), true, cause);
		}
		if (cause instanceof ConnectException) {
			return new ChannelFailure("could not connect to " + what + ": connection refused", true, cause);
		}
		if (cause instanceof IOException) {
			return new ChannelFailure(what + " call failed: " + cause, true, cause);
		}
		return new ChannelFailure(what + " call failed: " + cause, false, cause);
	}

	/**
	 * Keeps the start of an answer's body (for the failure message) and drops the rest,
	 * so a huge answer costs no memory.
	 */
	private static final class BoundedBody implements Consumer<Optional<byte[]>> {

		private final ByteArrayOutputStream kept = new ByteArrayOutputStream();

		@Override
		public synchronized void accept(Optional<byte[]> chunk) {
			chunk.ifPresent((bytes) -> this.kept.write(bytes, 0,
					Math.min(bytes.length, Math.max(0, SNIPPET * 4 - this.kept.size()))));
		}

		synchronized String snippet() {
			String text = this.kept.toString(StandardCharsets.UTF_8).strip().replaceAll("\\s+", " ");
			if (text.length() > SNIPPET) {
				text = text.substring(0, SNIPPET) + "…";
			}
			return text.isEmpty() ? "" : ": " + text;
		}

	}

}
