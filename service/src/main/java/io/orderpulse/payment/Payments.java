package io.orderpulse.payment;

import java.util.List;
import java.util.Optional;

import io.orderpulse.payment.internal.PaymentBook;

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
