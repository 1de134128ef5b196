package io.orderpulse.payment;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

import io.orderpulse.payment.internal.PaymentBook;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The payment API of other modules (ordering): payments of orders, refunds and closing.
 * The provider reports payments asynchronously; listen for {@link PaymentSucceeded} and
 * {@link PaymentRefunded}, which are published in the transaction that changes the
 * payment (and recorded by the event publication registry).
 */
@Service
public class Payments {

	private final PaymentBook book;

	Payments(PaymentBook book) {
		this.book = book;
	}

	/**
	 * The order's open payment. An order has at most one pending payment: asking again
	 * (also concurrently) answers the pending one as it is, even if the request differs.
	 * An order whose payments were all closed or refunded gets a new one.
	 * @throws AlreadyPaid (409 {@code already-paid}) if the order has a paid payment;
	 * nothing was changed, so a caller's transaction is not marked rollback-only
	 */
	@Transactional(noRollbackFor = AlreadyPaid.class)
	public Payment create(PaymentRequest request, PaymentMethod method) {
		return this.book.create(request, method);
	}

	/**
	 * Pays an order with the buyer's points, at once and atomically: the payment is PAID
	 * when this returns and {@link PaymentSucceeded} is published. A pending payment of
	 * the order is closed first (should its money still arrive, it is refunded).
	 * @param points the points to take, more than 0
	 * @throws AlreadyPaid (409) if the order has a paid payment
	 * @throws InsufficientPoints (409 {@code insufficient-points}) if the balance does
	 * not cover them; nothing changed
	 */
	@Transactional
	public Payment payWithPoints(PaymentRequest request, long points) {
		return this.book.payWithPoints(request, points);
	}

	@Transactional(readOnly = true)
	public Optional<Payment> find(String outTradeNo) {
		return this.book.find(outTradeNo);
	}

	/**
	 * The order's payments, oldest first.
	 */
	@Transactional(readOnly = true)
	public List<Payment> findForOrder(long orderId) {
		return this.book.findForOrder(orderId);
	}

	/**
	 * Pays a paid payment back, exactly once: it becomes REFUNDED, one REFUND ledger row
	 * is written and {@link PaymentRefunded} is published. Refunding it again (also
	 * concurrently) answers the refunded payment unchanged. A pending payment is closed
	 * instead (nothing was paid, nothing is published); a closed one stays as it is.
	 * @param reason why, 1-500 characters
	 * @throws PaymentNotFound if there is no such payment
	 */
	@Transactional(noRollbackFor = PaymentNotFound.class)
	public Payment refund(String outTradeNo, String reason) {
		return this.book.refund(outTradeNo, reason);
	}

	/**
	 * Like {@link #refund(String, String)}, paying back {@code amount} (null: all of it;
	 * for points the same share of the points, rounded down).
	 * @throws RefundExceedsPayment (409 {@code refund-exceeds-payment}) if the amount is
	 * more than was paid; nothing changed
	 */
	@Transactional(noRollbackFor = PaymentNotFound.class)
	public Payment refund(String outTradeNo, String reason, @Nullable BigDecimal amount) {
		return this.book.refund(outTradeNo, reason, amount);
	}

	/**
	 * Closes a pending payment (its order was cancelled before it was paid); other
	 * payments stay as they are. Should the provider still report the payment, it is
	 * recorded and refunded at once ({@link PaymentRefunded} with reason
	 * {@value PaymentRefunded#ORDER_CLOSED}) and never counts as paid. A payment that
	 * turned PAID just before the close stays PAID: its {@link PaymentSucceeded} arrives
	 * for a cancelled order, which should {@link #refund refund} it.
	 * @throws PaymentNotFound if there is no such payment
	 */
	@Transactional(noRollbackFor = PaymentNotFound.class)
	public void close(String outTradeNo) {
		this.book.close(outTradeNo);
	}

}
