package io.orderpulse.realtime;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A bare WebSocket speaking STOMP by hand (JDK HTTP client), for tests that need exact
 * control of the bytes: malformed frames, missing CONNECT, limits. Frames arrive parsed
 * in {@link #frames}.
 */
public final class RawStompSocket implements AutoCloseable {

	private final BlockingQueue<Frame> frames = new LinkedBlockingQueue<>();

	private final CompletableFuture<Integer> closed = new CompletableFuture<>();

	private final StringBuilder partial = new StringBuilder();

	private final AtomicInteger heartbeats = new AtomicInteger();

	private volatile boolean reading = true;

	private final WebSocket socket;

	private RawStompSocket(URI uri) throws Exception {
		this.socket = HttpClient.newHttpClient()
			.newWebSocketBuilder()
			.subprotocols("v12.stomp")
			.connectTimeout(Duration.ofSeconds(5))
			.buildAsync(uri, new Listener())
			.get(5, TimeUnit.SECONDS);
	}

	public static RawStompSocket open(URI uri) throws Exception {
		return new RawStompSocket(uri);
	}

	/**
	 * A socket connected with the token (no heart-beats) and subscribed to one
	 * destination.
	 */
	public static RawStompSocket subscribed(URI uri, String token, String destination) throws Exception {
		RawStompSocket socket = open(uri).connect(token, "0,0");
		Frame connected = socket.next();
		assertThat(connected.command()).as(connected.toString()).isEqualTo("CONNECTED");
		socket.sendFrame("SUBSCRIBE", Map.of("id", "s1", "destination", destination, "receipt", "r-s1"), "");
		Frame receipt = socket.next();
		assertThat(receipt.command()).as(receipt.toString()).isEqualTo("RECEIPT");
		return socket;
	}

	/**
	 * Sends a frame as a binary WebSocket message (STOMP allows either kind).
	 */
	public RawStompSocket sendBinary(String text) {
		this.socket.sendBinary(ByteBuffer.wrap(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)), true).join();
		return this;
	}

	public RawStompSocket send(String text) {
		this.socket.sendText(text, true).join();
		return this;
	}

	public RawStompSocket sendFrame(String command, Map<String, String> headers, String body) {
		StringBuilder frame = new StringBuilder(command).append('\n');
		headers.forEach((name, value) -> frame.append(name).append(':').append(value).append('\n'));
		return send(frame.append('\n').append(body).append('\0').toString());
	}

	public RawStompSocket connect(@Nullable String token, String heartBeat) {
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put("accept-version", "1.2");
		headers.put("host", "localhost");
		headers.put("heart-beat", heartBeat);
		if (token != null) {
			headers.put("Authorization", "Bearer " + token);
		}
		return sendFrame("CONNECT", headers, "");
	}

	/**
	 * Stops reading from the socket, like a client that hangs: the server's writes back
	 * up.
	 */
	public void stopReading() {
		this.reading = false;
	}

	public int heartbeatsReceived() {
		return this.heartbeats.get();
	}

	public Frame next() throws InterruptedException {
		Frame frame = this.frames.poll(10, TimeUnit.SECONDS);
		assertThat(frame).as("a frame within 10 s").isNotNull();
		return frame;
	}

	public @Nullable Frame poll(Duration timeout) throws InterruptedException {
		return this.frames.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
	}

	/**
	 * Waits for the server to close the connection.
	 * @return the close status code
	 */
	public int awaitClose() throws Exception {
		return this.closed.get(10, TimeUnit.SECONDS);
	}

	public boolean isClosed() {
		return this.closed.isDone();
	}

	@Override
	public void close() {
		if (!this.closed.isDone()) {
			this.socket.abort();
		}
	}

	/**
	 * A received frame; heart-beats are not recorded.
	 */
	public record Frame(String command, Map<String, String> headers, String body) {

		public String header(String name) {
			return this.headers.get(name);
		}

	}

	private final class Listener implements WebSocket.Listener {

		@Override
		public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
			if (RawStompSocket.this.partial.isEmpty() && data.toString().equals("\n")) {
				RawStompSocket.this.heartbeats.incrementAndGet();
			}
			RawStompSocket.this.partial.append(data);
			int end;
			while ((end = RawStompSocket.this.partial.indexOf("\0")) >= 0) {
				String raw = RawStompSocket.this.partial.substring(0, end);
				RawStompSocket.this.partial.delete(0, end + 1);
				parse(raw.replaceFirst("^\\n+", ""));
			}
			String rest = RawStompSocket.this.partial.toString();
			if (!rest.isEmpty() && rest.isBlank()) {
				RawStompSocket.this.partial.setLength(0);
			}
			if (RawStompSocket.this.reading) {
				webSocket.request(1);
			}
			return null;
		}

		@Override
		public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
			webSocket.request(1);
			return null;
		}

		@Override
		public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
			RawStompSocket.this.closed.complete(statusCode);
			return null;
		}

		@Override
		public void onError(WebSocket webSocket, Throwable error) {
			RawStompSocket.this.closed.complete(-1);
		}

		private void parse(String raw) {
			if (raw.isEmpty()) {
				return;
			}
			int headerEnd = raw.indexOf("\n\n");
			String head = (headerEnd >= 0) ? raw.substring(0, headerEnd) : raw;
			String body = (headerEnd >= 0) ? raw.substring(headerEnd + 2) : "";
			String[] lines = head.split("\n");
			Map<String, String> headers = new LinkedHashMap<>();
			for (int i = 1; i < lines.length; i++) {
				int colon = lines[i].indexOf(':');
				headers.putIfAbsent(lines[i].substring(0, colon), lines[i].substring(colon + 1));
			}
			RawStompSocket.this.frames.add(new Frame(lines[0], headers, body));
		}

	}

}
