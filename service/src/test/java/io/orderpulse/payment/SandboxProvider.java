package io.orderpulse.payment;

import java.math.BigDecimal;
import java.net.URLEncoder;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import io.orderpulse.TestApi;
import io.orderpulse.TestApi.Response;
import io.orderpulse.identity.Role;
import io.orderpulse.identity.UserAccounts;
import io.orderpulse.identity.UserSummary;
import io.orderpulse.payment.internal.NotifySignatures;
import io.orderpulse.payment.internal.sandbox.SandboxKeys;
import io.orderpulse.payment.internal.sandbox.SandboxSettings;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Plays the provider in tests: builds notifies signed with the sandbox's key (or another
 * one) and posts them like the sandbox does; creates payments for made-up orders and
 * reads the ledger.
 */
public final class SandboxProvider {

	private static final AtomicLong orders = new AtomicLong(System.currentTimeMillis() * 1000);

	private final TestApi api;

	private final Payments payments;

	private final SandboxKeys keys;

	private final SandboxSettings settings;

	private final JdbcClient jdbc;

	private final UserAccounts accounts;

	private final String organization = "Payer " + Long.toString(System.nanoTime(), 36);

	private @Nullable UserSummary buyer;

	/**
	 * Built from the shared test context's beans (importing a component would change the
	 * context and cost a second one).
	 */
	public SandboxProvider(ApplicationContext context) {
		this.api = context.getBean(TestApi.class);
		this.payments = context.getBean(Payments.class);
		this.keys = context.getBean(SandboxKeys.class);
		this.settings = context.getBean(SandboxSettings.class);
		this.jdbc = context.getBean(JdbcClient.class);
		this.accounts = context.getBean(UserAccounts.class);
	}

	/**
	 * The buyer of the made-up orders: a new one in an organization of its own (created
	 * on first use), so that the tests need no demo data.
	 */
	UserSummary buyer() {
		if (this.buyer == null) {
			this.buyer = colleague("buyer", Role.BUYER);
		}
		return this.buyer;
	}

	/**
	 * A new user in the buyer's organization.
	 */
	UserSummary colleague(String usernamePrefix, Role role) {
		return this.api.createUser(this.organization, usernamePrefix, role);
	}

	/**
	 * A pending payment of a new order of the buyer's.
	 */
	Payment newPayment(String amount) {
		return this.payments.create(request(amount), PaymentMethod.SANDBOX);
	}

	PaymentRequest request(String amount) {
		UserSummary buyer = buyer();
		return new PaymentRequest(orders.incrementAndGet(), buyer.id(), buyer.orgId(), new BigDecimal(amount),
				"Order at Demo Shop");
	}

	/**
	 * The unsigned parameters of the notify the sandbox would send for the payment.
	 */
	public Map<String, String> notify(Payment payment) {
		Map<String, String> parameters = new LinkedHashMap<>();
		parameters.put("app_id", this.settings.appId());
		parameters.put("out_trade_no", payment.outTradeNo());
		parameters.put("trade_no", "T" + payment.outTradeNo());
		parameters.put("total_amount", payment.amount().toPlainString());
		parameters.put("trade_status", "TRADE_SUCCESS");
		parameters.put("notify_time", Instant.now().toString());
		return parameters;
	}

	public Map<String, String> signed(Map<String, String> parameters) {
		return NotifySignatures.sign(parameters, this.keys.privateKey());
	}

	/**
	 * Signed with a key of its own, not the sandbox's.
	 */
	Map<String, String> forged(Map<String, String> parameters) {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048);
			PrivateKey other = generator.generateKeyPair().getPrivate();
			return NotifySignatures.sign(parameters, other);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	public Response post(Map<String, String> parameters) {
		String form = parameters.entrySet()
			.stream()
			.map((entry) -> URLEncoder.encode(entry.getKey(), StandardCharsets.UTF_8) + "="
					+ URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
		return this.api.send(this.api.request("/api/v1/payments/notify/sandbox", null)
			.setHeader("Content-Type", "application/x-www-form-urlencoded")
			.POST(BodyPublishers.ofString(form)));
	}

	/**
	 * The buyer who owns the payment confirms on the sandbox's pay page, signed in.
	 */
	public Response confirm(Payment payment) {
		UserSummary owner = this.accounts.find(payment.buyerId()).orElseThrow();
		return this.api.post(payment.payUrl() + "/confirm", null, this.api.tokenFor(owner));
	}

	/**
	 * What the pay page shows of the trade, read from the sandbox as the buyer who owns
	 * it.
	 */
	public Response details(Payment payment) {
		UserSummary owner = this.accounts.find(payment.buyerId()).orElseThrow();
		return this.api.get(payment.payUrl() + "/trade", this.api.tokenFor(owner));
	}

	/**
	 * The payment's ledger rows as "TYPE amount".
	 */
	public List<String> ledger(String outTradeNo) {
		return this.jdbc.sql("select type, amount from payment_ledger where out_trade_no = ? order by id")
			.param(outTradeNo)
			.query((rs, row) -> rs.getString("type") + " " + rs.getBigDecimal("amount").toPlainString())
			.list();
	}

	Payments payments() {
		return this.payments;
	}

	public PaymentStatus status(String outTradeNo) {
		return this.payments.find(outTradeNo).orElseThrow().status();
	}

}
