package io.orderpulse.routing.channel;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.jspecify.annotations.Nullable;

/**
 * A real HTTP server on a free loopback port for channel tests: it records every request
 * and answers with the status the test sets, or hangs until closed. Each request runs on
 * a virtual thread of its own, so a hanging request does not hold up others.
 */
public final class TestHttpServer implements AutoCloseable {

	private final HttpServer server;

	private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

	private final BlockingQueue<Request> requests = new LinkedBlockingQueue<>();

	private final CountDownLatch closed = new CountDownLatch(1);

	private volatile int status = 200;

	private volatile String answer = "ok";

	private volatile boolean hang;

	private volatile String @Nullable [] header;

	private TestHttpServer(HttpServer server) {
		this.server = server;
	}

	/**
	 * A server started on a free port of 127.0.0.1.
	 */
	public static TestHttpServer start() throws IOException {
		return start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
	}

	/**
	 * A server started on the address and port (a loopback address: tests connect nowhere
	 * else).
	 */
	public static TestHttpServer start(InetSocketAddress address) throws IOException {
		if (!address.getAddress().isLoopbackAddress()) {
			throw new IllegalArgumentException("test receivers listen on loopback addresses only");
		}
		HttpServer server = HttpServer.create(address, 0);
		TestHttpServer test = new TestHttpServer(server);
		server.createContext("/", test::handle);
		server.setExecutor(test.executor);
		server.start();
		return test;
	}

	/**
	 * The URL of a path on this server.
	 */
	public URI url(String pathAndQuery) {
		return URI.create(base() + pathAndQuery);
	}

	/**
	 * The port this server listens on.
	 */
	public int port() {
		return this.server.getAddress().getPort();
	}

	/**
	 * The scheme, host and port of this server, such as {@code http://127.0.0.1:41315}.
	 */
	public String base() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	/**
	 * Answer the next requests with this status and body.
	 */
	public TestHttpServer answer(int status, String body) {
		this.header = null;
		this.status = status;
		this.answer = body;
		this.hang = false;
		return this;
	}

	/**
	 * Answer the next requests with this status, body and header (such as a redirect's
	 * {@code Location}).
	 */
	public TestHttpServer answer(int status, String body, String header, String value) {
		this.header = new String[] { header, value };
		this.status = status;
		this.answer = body;
		this.hang = false;
		return this;
	}

	/**
	 * Read the next requests and never answer them (until the server is closed).
	 */
	public TestHttpServer hang() {
		this.hang = true;
		return this;
	}

	/**
	 * The next request received, waiting at most the timeout.
	 */
	public @Nullable Request next(Duration timeout) throws InterruptedException {
		return this.requests.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
	}

	public int received() {
		return this.requests.size();
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			byte[] body;
			try (InputStream in = exchange.getRequestBody()) {
				body = in.readAllBytes();
			}
			this.requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI(),
					copy(exchange.getRequestHeaders()), body));
			if (this.hang) {
				this.closed.await();
				return;
			}
			byte[] answer = this.answer.getBytes(java.nio.charset.StandardCharsets.UTF_8);
			String[] extra = this.header;
			if (extra != null) {
				exchange.getResponseHeaders().add(extra[0], extra[1]);
			}
			exchange.sendResponseHeaders(this.status, (answer.length == 0) ? -1 : answer.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(answer);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static Map<String, List<String>> copy(Headers headers) {
		Map<String, List<String>> copy = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
		headers.forEach((name, values) -> copy.put(name, List.copyOf(values)));
		return copy;
	}

	@Override
	public void close() {
		this.closed.countDown();
		this.server.stop(0);
		this.executor.shutdownNow();
	}

	/**
	 * A request as received.
	 *
	 * @param method the HTTP method
	 * @param uri the request URI (path and raw query)
	 * @param headers the headers, by case-insensitive name
	 * @param body the raw body
	 */
	public record Request(String method, URI uri, Map<String, List<String>> headers, byte[] body) {

		public @Nullable String header(String name) {
			List<String> values = this.headers.get(name);
			return (values == null || values.isEmpty()) ? null : values.get(0);
		}

		public String bodyText() {
			return new String(this.body, java.nio.charset.StandardCharsets.UTF_8);
		}

	}

}
