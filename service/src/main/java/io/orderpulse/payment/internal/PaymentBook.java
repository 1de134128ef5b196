package io.orderpulse.payment.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.orderpulse.payment.AlreadyPaid;
import io.orderpulse.payment.InsufficientPoints;
import io.orderpulse.payment.Payment;
import io.orderpulse.payment.PaymentMethod;
import io.orderpulse.payment.PaymentMethodUnavailable;
import io.orderpulse.payment.PaymentNotFound;
import io.orderpulse.payment.PaymentRefunded;
import io.orderpulse.payment.PaymentRequest;
import io.orderpulse.payment.PaymentStatus;
import io.orderpulse.payment.PaymentSucceeded;
import io.orderpulse.payment.RefundExceedsPayment;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Every state change of payments, with its ledger rows and its events, in one
 * transaction. Each change locks the payment's row first, so changes of one payment
 * (concurrent notifies, refunds, closes) run one after the other and each sees the state
 * its predecessor left; the ledger's unique (out_trade_no, type) key backs this up.
 */
@Service
public class PaymentBook {

	private static final Logger log = LoggerFactory.getLogger(PaymentBook.class);

	private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;

	// Crockford's base32: no I, L, O or U, so numbers read aloud or typed survive
	private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();

	private final PaymentRepository payments;

	private final Map<PaymentMethod, PaymentGateway> gateways = new EnumMap<>(PaymentMethod.class);

	private final ApplicationEventPublisher events;

	private final PointsRepository points;

	private final PointsSettings pointsSettings;

	private final Clock clock = Clock.systemUTC();

	private final SecureRandom random = new SecureRandom();

	PaymentBook(PaymentRepository payments, List<PaymentGateway> gateways, ApplicationEventPublisher events,
			PointsRepository points, PointsSettings pointsSettings) {
		this.payments = payments;
		gateways.forEach((gateway) -> this.gateways.put(gateway.method(), gateway));
		this.events = events;
		this.points = points;
		this.pointsSettings = pointsSettings;
	}

	/**
	 * The order's open payment: a new one, or the pending one it has.
	 * @throws AlreadyPaid if the order has a paid payment
	 */
	@Transactional(noRollbackFor = AlreadyPaid.class)
	public Payment create(PaymentRequest request, PaymentMethod method) {
		if (method == PaymentMethod.POINTS) {
			throw new IllegalArgumentException("points are taken at once: use payWithPoints");
		}
		PaymentGateway gateway = gateway(method);
		Optional<Payment> live = this.payments.findLive(request.orderId());
		if (live.isEmpty()) {
			String outTradeNo = nextOutTradeNo();
			if (this.payments.insertPending(outTradeNo, request, method, gateway.payUrl(outTradeNo), now())) {
				log.info("Payment {} of order {} for {} opened", outTradeNo, request.orderId(), request.amount());
			}
			// else a concurrent create inserted one: the insert waited for it to commit
			live = this.payments.findLive(request.orderId());
		}
		Payment payment = live
			.orElseThrow(() -> new IllegalStateException("order " + request.orderId() + " has no live payment"));
		if (payment.status() == PaymentStatus.PAID) {
			throw new AlreadyPaid(request.orderId(), payment.outTradeNo());
		}
		// the provider may have forgotten an open trade (the sandbox forgets on restart)
		gateway(payment.method()).open(payment.outTradeNo(), payment.amount(), request.subject(), payment.buyerId());
		return payment;
	}

	/**
	 * Pays an order with the buyer's points at once: a pending payment of the order (at
	 * the gateway) is closed first, then the points are taken with one conditional update
	 * and the payment is PAID, publishing {@link PaymentSucceeded}, all in this
	 * transaction.
	 * @throws AlreadyPaid if the order has a paid payment
	 * @throws InsufficientPoints if the balance does not cover the points (nothing
	 * changed)
	 */
	@Transactional
	public Payment payWithPoints(PaymentRequest request, long price) {
		if (price <= 0) {
			throw new IllegalArgumentException("points must be positive");
		}
		String outTradeNo = nextOutTradeNo();
		for (int attempt = 0;; attempt++) {
			Optional<Payment> live = this.payments.findLive(request.orderId());
			if (live.isPresent() && live.get().status() == PaymentStatus.PAID) {
				throw new AlreadyPaid(request.orderId(), live.get().outTradeNo());
			}
			// paying with points instead: a late notify of the gateway's payment is
			// refunded
			live.ifPresent((pending) -> close(pending.outTradeNo()));
			if (this.payments.insertPending(outTradeNo, request, PaymentMethod.POINTS, "", now(), price)) {
				break;
			}
			if (attempt == 3) {
				throw new IllegalStateException("order " + request.orderId() + " keeps getting new payments");
			}
		}
		this.points.ensureAccount(request.buyerId(), request.orgId(), this.pointsSettings.initialBalance());
		if (this.points.move(request.buyerId(), outTradeNo, "PAY", -price,
				request.subject()) != PointsRepository.Move.MOVED) {
			throw new InsufficientPoints(price, this.points.balance(request.buyerId()).orElse(0L));
		}
		Instant now = now();
		this.payments.addToLedger(outTradeNo, LedgerType.PAY, request.amount(), outTradeNo, price + " points");
		this.payments.markPaid(outTradeNo, outTradeNo, now);
		this.events.publishEvent(
				new PaymentSucceeded(outTradeNo, request.orderId(), request.buyerId(), request.amount(), now));
		log.info("Payment {} of order {} paid with {} points", outTradeNo, request.orderId(), price);
		return this.payments.find(outTradeNo).orElseThrow();
	}

	@Transactional(readOnly = true)
	public Optional<Payment> find(String outTradeNo) {
		return this.payments.find(outTradeNo);
	}

	@Transactional(readOnly = true)
	public List<Payment> findForOrder(long orderId) {
		return this.payments.findForOrder(orderId);
	}

	/**
	 * Records the provider's report that a payment was received. A pending payment
	 * becomes PAID and publishes {@link PaymentSucceeded}; a closed one is received and
	 * refunded at once (publishing {@link PaymentRefunded} only); a paid or refunded one
	 * stays as it is.
	 */
	@Transactional
	public Receipt recordPaid(String outTradeNo, BigDecimal amount, String tradeNo) {
		Optional<Payment> found = this.payments.lock(outTradeNo);
		if (found.isEmpty()) {
			return Receipt.UNKNOWN_TRADE;
		}
		Payment payment = found.get();
		if (payment.amount().compareTo(amount) != 0) {
			return Receipt.WRONG_AMOUNT;
		}
		Instant now = now();
		switch (payment.status()) {
			case PENDING -> {
				this.payments.addToLedger(outTradeNo, LedgerType.PAY, payment.amount(), tradeNo, null);
				this.payments.markPaid(outTradeNo, tradeNo, now);
				this.events.publishEvent(
						new PaymentSucceeded(outTradeNo, payment.orderId(), payment.buyerId(), payment.amount(), now));
				log.info("Payment {} of order {} paid (trade {})", outTradeNo, payment.orderId(), tradeNo);
				return Receipt.PAID;
			}
			case CLOSED -> {
				this.payments.addToLedger(outTradeNo, LedgerType.PAY, payment.amount(), tradeNo, null);
				this.payments.addToLedger(outTradeNo, LedgerType.REFUND, payment.amount(), tradeNo,
						PaymentRefunded.ORDER_CLOSED);
				this.payments.markPaidAndRefunded(outTradeNo, tradeNo, now);
				refundAtGateway(payment, payment.amount(), PaymentRefunded.ORDER_CLOSED);
				this.events.publishEvent(new PaymentRefunded(outTradeNo, payment.orderId(), payment.buyerId(),
						payment.amount(), PaymentRefunded.ORDER_CLOSED));
				log.warn("Payment {} of order {} arrived after it was closed: refunded", outTradeNo, payment.orderId());
				return Receipt.REFUNDED_AFTER_CLOSE;
			}
			default -> {
				return Receipt.ALREADY_RECORDED;
			}
		}
	}

	/**
	 * Pays a paid payment back once, or closes a pending one.
	 * @throws PaymentNotFound if there is no such payment
	 */
	@Transactional(noRollbackFor = PaymentNotFound.class)
	public Payment refund(String outTradeNo, String reason) {
		return refund(outTradeNo, reason, null);
	}

	/**
	 * Pays a paid payment back once, the whole amount or part of it (points: the same
	 * share of the points, rounded down), or closes a pending one. A refunded payment is
	 * answered as it is, whatever the amount.
	 * @param amount what to pay back (null: all of it)
	 * @throws PaymentNotFound if there is no such payment
	 * @throws RefundExceedsPayment if the amount is more than was paid
	 */
	@Transactional(noRollbackFor = PaymentNotFound.class)
	public Payment refund(String outTradeNo, String reason, @Nullable BigDecimal amount) {
		String why = reason.strip();
		if (why.isEmpty() || why.length() > 500) {
			throw new IllegalArgumentException("reason must have 1-500 characters");
		}
		if (amount != null && (amount.signum() <= 0 || amount.stripTrailingZeros().scale() > 2)) {
			throw new IllegalArgumentException("amount must be positive with at most two decimals");
		}
		Payment payment = this.payments.lock(outTradeNo).orElseThrow(() -> new PaymentNotFound(outTradeNo));
		switch (payment.status()) {
			case PAID -> {
				BigDecimal back = (amount != null) ? amount.setScale(2) : payment.amount();
				if (back.compareTo(payment.amount()) > 0) {
					throw new RefundExceedsPayment(outTradeNo, back, payment.amount());
				}
				this.payments.addToLedger(outTradeNo, LedgerType.REFUND, back, null, why);
				this.payments.markRefunded(outTradeNo, now(), back);
				if (payment.method() == PaymentMethod.POINTS) {
					refundPoints(payment, back, why);
				}
				else {
					refundAtGateway(payment, back, why);
				}
				this.events
					.publishEvent(new PaymentRefunded(outTradeNo, payment.orderId(), payment.buyerId(), back, why));
				log.info("Payment {} of order {} refunded ({} of {}): {}", outTradeNo, payment.orderId(), back,
						payment.amount(), why);
			}
			case PENDING -> this.payments.markClosed(outTradeNo, now());
			default -> {
				return payment;
			}
		}
		return this.payments.find(outTradeNo).orElseThrow();
	}

	/**
	 * Closes a pending payment; others stay as they are.
	 * @throws PaymentNotFound if there is no such payment
	 */
	@Transactional(noRollbackFor = PaymentNotFound.class)
	public void close(String outTradeNo) {
		Payment payment = this.payments.lock(outTradeNo).orElseThrow(() -> new PaymentNotFound(outTradeNo));
		if (payment.status() == PaymentStatus.PENDING) {
			this.payments.markClosed(outTradeNo, now());
			log.info("Payment {} of order {} closed", outTradeNo, payment.orderId());
		}
	}

	private void refundPoints(Payment payment, BigDecimal back, String why) {
		long paid = -this.points.moved(payment.outTradeNo(), "PAY").orElse(0L);
		long share = (back.compareTo(payment.amount()) == 0) ? paid
				: BigDecimal.valueOf(paid)
					.multiply(back)
					.divide(payment.amount(), 0, RoundingMode.DOWN)
					.longValueExact();
		if (share > 0) {
			this.points.move(payment.buyerId(), payment.outTradeNo(), "REFUND", share, why);
		}
	}

	private PaymentGateway gateway(PaymentMethod method) {
		PaymentGateway gateway = this.gateways.get(method);
		if (gateway == null) {
			throw new PaymentMethodUnavailable(method);
		}
		return gateway;
	}

	/**
	 * Pays back at the payment's gateway; one switched off since (the sandbox) is told
	 * nothing: the refund is in the ledger.
	 */
	private void refundAtGateway(Payment payment, BigDecimal amount, String reason) {
		PaymentGateway gateway = this.gateways.get(payment.method());
		if (gateway == null) {
			log.warn("Refund of {} recorded; its gateway {} is off and was not told", payment.outTradeNo(),
					payment.method());
			return;
		}
		gateway.refund(payment.outTradeNo(), amount, reason);
	}

	// the database keeps microseconds: events carry the instants that are stored
	private Instant now() {
		return this.clock.instant().truncatedTo(ChronoUnit.MICROS);
	}

	/**
	 * "P", the date (UTC) and 16 random characters (80 bits): unique and not guessable
	 * from one's own.
	 */
	private String nextOutTradeNo() {
		StringBuilder number = new StringBuilder(25).append('P')
			.append(LocalDate.now(this.clock.withZone(ZoneOffset.UTC)).format(DAY));
		for (int i = 0; i < 16; i++) {
			number.append(ALPHABET[this.random.nextInt(ALPHABET.length)]);
		}
		return number.toString();
	}

	/**
	 * What became of a provider's report of a payment.
	 */
	public enum Receipt {

		/**
		 * The payment is now paid.
		 */
		PAID,

		/**
		 * The payment had been closed: it was received and refunded at once.
		 */
		REFUNDED_AFTER_CLOSE,

		/**
		 * The report was recorded before: nothing changed.
		 */
		ALREADY_RECORDED,

		/**
		 * There is no such payment: refused.
		 */
		UNKNOWN_TRADE,

		/**
		 * The amount is not the payment's: refused.
		 */
		WRONG_AMOUNT;

		public boolean accepted() {
			return this != UNKNOWN_TRADE && this != WRONG_AMOUNT;
		}

	}

}
