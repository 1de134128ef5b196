package io.orderpulse.payment.internal.sandbox;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import io.orderpulse.payment.internal.NotifySignatures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The sandbox on its own, sending to a stand-in for the service: it settles by itself
 * after the configured delay, signs what it sends, and retries until it is answered
 * {@code success}, a bounded number of times.
 */
class SandboxGatewayTests {

	private final List<Map<String, String>> received = new CopyOnWriteArrayList<>();

	private final AtomicInteger failuresLeft = new AtomicInteger();

	private HttpServer service;

	private SandboxKeys keys;

	@BeforeEach
	void service() throws Exception {
		this.keys = new SandboxConfiguration(settings(Duration.ZERO, 3), new MockEnvironment())
			.sandboxKeys(settings(Duration.ZERO, 3));
		this.service = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.service.createContext(SandboxGateway.NOTIFY_PATH, (exchange) -> {
			this.received.add(parse(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
			boolean fail = this.failuresLeft.getAndDecrement() > 0;
			byte[] answer = (fail ? "failure" : "success").getBytes(StandardCharsets.UTF_8);
			exchange.sendResponseHeaders(fail ? 400 : 200, answer.length);
			exchange.getResponseBody().write(answer);
			exchange.close();
		});
		this.service.start();
	}

	@AfterEach
	void stop() {
		this.service.stop(0);
	}

	@Test
	void settlesByItselfAndSendsASignedNotify() {
		SandboxGateway gateway = gateway(settings(Duration.ofMillis(100), 3));
		try {
			gateway.open("P1", new BigDecimal("12.5"), "Order", 7L);

			await().atMost(Duration.ofSeconds(10)).until(() -> this.received.size() == 1);

			Map<String, String> notify = this.received.get(0);
			assertThat(notify).containsEntry("app_id", "test-app")
				.containsEntry("out_trade_no", "P1")
				.containsEntry("total_amount", "12.50")
				.containsEntry("trade_status", "TRADE_SUCCESS")
				.containsEntry("sign_type", "RSA2")
				.containsKeys("trade_no", "notify_time", "sign");
			assertThat(NotifySignatures.verify(notify, this.keys.publicKey())).isTrue();
			assertThat(gateway.trade("P1"))
				.hasValueSatisfying((trade) -> assertThat(trade.state()).isEqualTo(SandboxTrade.State.SETTLED));
		}
		finally {
			gateway.destroy();
		}
	}

	@Test
	void retriesANotifyThatIsNotAcceptedAndThenStops() {
		this.failuresLeft.set(1);
		SandboxGateway gateway = gateway(settings(Duration.ZERO, 3));
		try {
			gateway.open("P2", BigDecimal.TEN, "Order", 7L);
			assertThat(gateway.settle("P2")).isTrue();

			await().atMost(Duration.ofSeconds(10)).until(() -> this.received.size() == 2);
			assertThat(this.received).extracting((notify) -> notify.get("trade_no"))
				.containsOnly(this.received.get(0).get("trade_no"));

			this.failuresLeft.set(100);
			gateway.open("P3", BigDecimal.TEN, "Order", 7L);
			gateway.settle("P3");
			await().atMost(Duration.ofSeconds(10))
				.until(() -> this.received.stream()
					.filter((notify) -> "P3".equals(notify.get("out_trade_no")))
					.count() == 3);
			await().during(Duration.ofMillis(500))
				.atMost(Duration.ofSeconds(2))
				.until(() -> this.received.stream()
					.filter((notify) -> "P3".equals(notify.get("out_trade_no")))
					.count() == 3);
		}
		finally {
			gateway.destroy();
		}
	}

	@Test
	void settlesOnlyOnceAndOnlyKnownTrades() {
		SandboxGateway gateway = gateway(settings(Duration.ZERO, 3));
		try {
			gateway.open("P4", BigDecimal.ONE, "Order", 7L);

			assertThat(gateway.settle("P4")).isTrue();
			assertThat(gateway.settle("P4")).isTrue();
			assertThat(gateway.settle("unknown")).isFalse();

			await().atMost(Duration.ofSeconds(10)).until(() -> this.received.size() == 1);
			await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> this.received.size() == 1);
		}
		finally {
			gateway.destroy();
		}
	}

	private SandboxGateway gateway(SandboxSettings settings) {
		return new SandboxGateway(settings, this.keys, new MockEnvironment());
	}

	private SandboxSettings settings(Duration autoSettleAfter, int attempts) {
		String url = (this.service != null) ? "http://127.0.0.1:" + this.service.getAddress().getPort() + "/" : null;
		return new SandboxSettings("test-app", null, null, autoSettleAfter, url, attempts, Duration.ofMillis(50), true,
				false);
	}

	private static Map<String, String> parse(String form) throws IOException {
		Map<String, String> parameters = new LinkedHashMap<>();
		for (String pair : form.split("&")) {
			int equals = pair.indexOf('=');
			parameters.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
					URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
		}
		return parameters;
	}

}
