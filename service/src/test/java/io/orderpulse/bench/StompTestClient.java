package io.orderpulse.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A bare WebSocket speaking STOMP by hand, as the load tool does (the same approach as
 * the realtime tests' raw socket): CONNECT with a bearer token and no heart-beats,
 * SUBSCRIBE with a receipt, MESSAGE frames parsed into {@link #frames}.
 */
final class StompTestClient implements AutoCloseable {

	private final BlockingQueue<Frame> frames = new LinkedBlockingQueue<>();

	private final StringBuilder partial = new StringBuilder();

	private final WebSocket socket;

	private StompTestClient(URI uri) throws Exception {
		this.socket = HttpClient.newHttpClient()
			.newWebSocketBuilder()
			.subprotocols("v12.stomp")
			.connectTimeout(Duration.ofSeconds(5))
			.buildAsync(uri, new Listener())
			.get(5, TimeUnit.SECONDS);
	}

	/**
	 * A connected client subscribed to one destination.
	 */
	static StompTestClient subscribed(URI uri, String token, String destination) throws Exception {
		StompTestClient client = new StompTestClient(uri);
		client.send("CONNECT", Map.of("accept-version", "1.2", "host", "localhost", "heart-beat", "0,0",
				"Authorization", "Bearer " + token));
		assertThat(client.next().command()).isEqualTo("CONNECTED");
		client.send("SUBSCRIBE", Map.of("id", "s1", "destination", destination, "receipt", "r1"));
		Frame receipt = client.next();
		assertThat(receipt.command()).as(receipt.toString()).isEqualTo("RECEIPT");
		return client;
	}

	void send(String command, Map<String, String> headers) {
		StringBuilder frame = new StringBuilder(command).append('\n');
		headers.forEach((name, value) -> frame.append(name).append(':').append(value).append('\n'));
		this.socket.sendText(frame.append('\n').append('\0').toString(), true).join();
	}

	Frame next() throws InterruptedException {
		Frame frame = this.frames.poll(10, TimeUnit.SECONDS);
		assertThat(frame).as("a frame within 10 s").isNotNull();
		return frame;
	}

	@Nullable Frame poll(Duration timeout) throws InterruptedException {
		return this.frames.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
	}

	@Override
	public void close() {
		this.socket.abort();
	}

	record Frame(String command, Map<String, String> headers, String body) {

		String header(String name) {
			return this.headers.get(name);
		}

	}

	private final class Listener implements WebSocket.Listener {

		@Override
		public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
			StompTestClient.this.partial.append(data);
			int end;
			while ((end = StompTestClient.this.partial.indexOf("\0")) >= 0) {
				String raw = StompTestClient.this.partial.substring(0, end).replaceFirst("^\\n+", "");
				StompTestClient.this.partial.delete(0, end + 1);
				if (!raw.isEmpty()) {
					parse(raw);
				}
			}
			webSocket.request(1);
			return null;
		}

		private void parse(String raw) {
			int headerEnd = raw.indexOf("\n\n");
			String head = (headerEnd >= 0) ? raw.substring(0, headerEnd) : raw;
			String body = (headerEnd >= 0) ? raw.substring(headerEnd + 2) : "";
			String[] lines = head.split("\n");
			Map<String, String> headers = new LinkedHashMap<>();
			for (int i = 1; i < lines.length; i++) {
				int colon = lines[i].indexOf(':');
				headers.putIfAbsent(lines[i].substring(0, colon), lines[i].substring(colon + 1));
			}
			StompTestClient.this.frames.add(new Frame(lines[0], headers, body));
		}

	}

}
