package io.orderpulse.payment.internal.sandbox;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.orderpulse.payment.PaymentMethod;
import io.orderpulse.payment.internal.NotifySignatures;
import io.orderpulse.payment.internal.PaymentGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * The sandbox provider. It keeps its trades in memory (a day after their last use),
 * settles them after {@code auto-settle-after} or when the buyer confirms on the pay
 * page, and then reports each payment to the service with a notify signed with its
 * private key, sent asynchronously and retried with a doubling backoff until the service
 * answers {@code success} (a bounded number of times). It knows the service only by URL,
 * as a real provider would.
 */
@Component
@ConditionalOnBooleanProperty(SandboxSettings.ENABLED)
class SandboxGateway implements PaymentGateway, DisposableBean {

	static final String NOTIFY_PATH = "/api/v1/payments/notify/sandbox";

	private static final Logger log = LoggerFactory.getLogger(SandboxGateway.class);

	private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;

	private final SandboxSettings settings;

	private final SandboxKeys keys;

	private final Environment environment;

	private final Cache<String, SandboxTrade> trades = Caffeine.newBuilder()
		.expireAfterAccess(Duration.ofDays(1))
		.maximumSize(100_000)
		.build();

	private final ScheduledExecutorService timer = Executors
		.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("sandbox-timer").daemon().factory());

	private final ExecutorService senders = Executors
		.newThreadPerTaskExecutor(Thread.ofVirtual().name("sandbox-notify-", 0).factory());

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final SecureRandom random = new SecureRandom();

	SandboxGateway(SandboxSettings settings, SandboxKeys keys, Environment environment) {
		this.settings = settings;
		this.keys = keys;
		this.environment = environment;
	}

	@Override
	public PaymentMethod method() {
		return PaymentMethod.SANDBOX;
	}

	@Override
	public String payUrl(String outTradeNo) {
		return "/sandbox/pay/" + outTradeNo;
	}

	@Override
	public void open(String outTradeNo, BigDecimal amount, String subject, long buyerId) {
		SandboxTrade trade = new SandboxTrade(outTradeNo, amount, subject, buyerId);
		if (this.trades.asMap().putIfAbsent(outTradeNo, trade) != null) {
			return;
		}
		Duration delay = this.settings.autoSettleAfter();
		if (delay.isPositive()) {
			this.timer.schedule(() -> settle(outTradeNo), delay.toMillis(), TimeUnit.MILLISECONDS);
		}
	}

	@Override
	public void refund(String outTradeNo, BigDecimal amount, String reason) {
		SandboxTrade trade = this.trades.getIfPresent(outTradeNo);
		if (trade != null) {
			trade.refunded();
		}
		log.info("Sandbox refunded {} of {}: {}", amount, outTradeNo, reason);
	}

	Optional<SandboxTrade> trade(String outTradeNo) {
		return Optional.ofNullable(this.trades.getIfPresent(outTradeNo));
	}

	/**
	 * The trade, if it is the buyer's: another user's trade is unknown to them.
	 */
	Optional<SandboxTrade> trade(String outTradeNo, long buyerId) {
		return trade(outTradeNo).filter((trade) -> trade.buyerId() == buyerId);
	}

	/**
	 * The buyer pays on the pay page: settles the trade if it is the buyer's.
	 * @return whether the buyer has such a trade (settling a settled one again does
	 * nothing); another user's trade is unknown to them
	 */
	boolean confirm(String outTradeNo, long buyerId) {
		SandboxTrade trade = this.trades.getIfPresent(outTradeNo);
		if (trade == null || trade.buyerId() != buyerId) {
			return false;
		}
		return settle(outTradeNo);
	}

	/**
	 * Settles an open trade (the buyer paid) and reports it to the service.
	 * @return whether the trade is known (settling a settled one again does nothing)
	 */
	boolean settle(String outTradeNo) {
		SandboxTrade trade = this.trades.getIfPresent(outTradeNo);
		if (trade == null) {
			return false;
		}
		if (trade.settle(nextTradeNo())) {
			log.info("Sandbox settled {} ({})", outTradeNo, trade.tradeNo());
			this.senders.execute(() -> sendNotify(trade, 1));
		}
		return true;
	}

	private void sendNotify(SandboxTrade trade, int attempt) {
		String answer;
		try {
			HttpResponse<String> response = this.http
				.send(HttpRequest.newBuilder(URI.create(notifyBaseUrl() + NOTIFY_PATH))
					.timeout(Duration.ofSeconds(10))
					.header("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8")
					.POST(HttpRequest.BodyPublishers.ofString(form(notification(trade))))
					.build(), HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() == 200 && response.body().strip().equals("success")) {
				log.debug("Notify of {} accepted", trade.outTradeNo());
				return;
			}
			answer = response.statusCode() + " " + response.body().strip();
		}
		catch (IOException | IllegalStateException ex) {
			answer = ex.toString();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return;
		}
		if (attempt >= this.settings.notifyAttempts()) {
			log.warn("Notify of {} not accepted after {} attempts, giving up: {}", trade.outTradeNo(), attempt, answer);
			return;
		}
		long delay = this.settings.notifyBackoff().toMillis() << Math.min(attempt - 1, 20);
		log.info("Notify of {} not accepted ({}), retrying in {} ms", trade.outTradeNo(), answer, delay);
		this.timer.schedule(() -> this.senders.execute(() -> sendNotify(trade, attempt + 1)), delay,
				TimeUnit.MILLISECONDS);
	}

	/**
	 * The signed parameters of a notify; each attempt carries its own time.
	 */
	private Map<String, String> notification(SandboxTrade trade) {
		Map<String, String> parameters = new LinkedHashMap<>();
		parameters.put("app_id", this.settings.appId());
		parameters.put("out_trade_no", trade.outTradeNo());
		parameters.put("trade_no", String.valueOf(trade.tradeNo()));
		parameters.put("total_amount", trade.amount().setScale(2).toPlainString());
		parameters.put("trade_status", "TRADE_SUCCESS");
		parameters.put("notify_time", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
		return NotifySignatures.sign(parameters, this.keys.privateKey());
	}

	private static String form(Map<String, String> parameters) {
		return parameters.entrySet()
			.stream()
			.map((entry) -> URLEncoder.encode(entry.getKey(), StandardCharsets.UTF_8) + "="
					+ URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
	}

	// the port is known only once the server runs (random in tests)
	private String notifyBaseUrl() {
		String configured = this.settings.notifyBaseUrl();
		if (StringUtils.hasText(configured)) {
			return configured.endsWith("/") ? configured.substring(0, configured.length() - 1) : configured;
		}
		String port = this.environment.getProperty("local.server.port");
		if (port == null) {
			throw new IllegalStateException("the server is not running yet");
		}
		return "http://localhost:" + port;
	}

	private String nextTradeNo() {
		StringBuilder number = new StringBuilder("S").append(LocalDate.now(ZoneOffset.UTC).format(DAY));
		for (int i = 0; i < 12; i++) {
			number.append(this.random.nextInt(10));
		}
		return number.toString();
	}

	@Override
	public void destroy() {
		this.timer.shutdownNow();
		this.senders.shutdownNow();
		this.http.shutdownNow();
	}

}
