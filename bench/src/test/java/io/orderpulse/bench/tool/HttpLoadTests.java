package io.orderpulse.bench.tool;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.netty.handler.codec.http.HttpMethod;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The load tool's HTTP client against the JDK's HTTP server on a free port: keep-alive
 * connections reused up to the limit, headers and bodies sent, statuses answered, a
 * request without an answer failing at its timeout while the others go on.
 */
class HttpLoadTests {

	private HttpServer server;

	private final Set<Integer> clientPorts = ConcurrentHashMap.newKeySet();

	private final Map<String, String> received = new ConcurrentHashMap<>();

	private final CountDownLatch release = new CountDownLatch(1);

	@BeforeEach
	void start() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
		this.server.createContext("/echo", this::echo);
		this.server.createContext("/hang", (exchange) -> {
			try {
				this.release.await(10, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			exchange.close();
		});
		this.server.start();
	}

	@AfterEach
	void stop() {
		this.release.countDown();
		this.server.stop(0);
	}

	private void echo(HttpExchange exchange) throws IOException {
		this.clientPorts.add(exchange.getRemoteAddress().getPort());
		try (InputStream body = exchange.getRequestBody()) {
			this.received.put(exchange.getRequestHeaders().getFirst("X-Key"),
					exchange.getRequestMethod() + " " + new String(body.readAllBytes(), StandardCharsets.UTF_8));
		}
		int status = Integer.parseInt(exchange.getRequestHeaders().getFirst("X-Status"));
		exchange.sendResponseHeaders(status, -1);
		exchange.close();
	}

	private URI base() {
		return URI.create("http://127.0.0.1:" + this.server.getAddress().getPort());
	}

	@Test
	void reusesAtMostTheGivenNumberOfKeepAliveConnections() throws Exception {
		try (HttpLoad http = new HttpLoad(base(), 4, 1)) {
			List<CompletableFuture<HttpLoad.Response>> responses = new ArrayList<>();
			for (int i = 0; i < 200; i++) {
				responses.add(http.send(HttpMethod.POST, "/echo",
						Map.of("X-Key", "k" + i, "X-Status", (i % 2 == 0) ? "202" : "409"),
						("body-" + i).getBytes(StandardCharsets.UTF_8), 5_000));
			}
			for (int i = 0; i < 200; i++) {
				HttpLoad.Response response = responses.get(i).get(10, TimeUnit.SECONDS);
				assertThat(response.status()).isEqualTo((i % 2 == 0) ? 202 : 409);
				assertThat(response.nanos()).isPositive();
			}
		}
		assertThat(this.received).hasSize(200).containsEntry("k7", "POST body-7").containsEntry("k0", "POST body-0");
		assertThat(this.clientPorts).as("client connections").hasSizeBetween(1, 4);
	}

	@Test
	void aRequestWithoutAnswerFailsAtItsTimeoutAndOthersGoOn() throws Exception {
		try (HttpLoad http = new HttpLoad(base(), 2, 1)) {
			CompletableFuture<HttpLoad.Response> hanging = http.send(HttpMethod.GET, "/hang", Map.of(), null, 300);
			HttpLoad.Response answered = http
				.send(HttpMethod.GET, "/echo", Map.of("X-Key", "after", "X-Status", "200"), null, 5_000)
				.get(10, TimeUnit.SECONDS);

			assertThat(answered.status()).isEqualTo(200);
			assertThatThrownBy(() -> hanging.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
				.hasCauseInstanceOf(TimeoutException.class);
			assertThat(http.send(HttpMethod.GET, "/echo", Map.of("X-Key", "again", "X-Status", "204"), null, 5_000)
				.get(10, TimeUnit.SECONDS)
				.status()).as("a new connection replaces the timed-out one").isEqualTo(204);
		}
	}

}
