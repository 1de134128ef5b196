package io.orderpulse.payment;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Collects the payment events of committed transactions, so tests can count them. A plain
 * component (found by the application's component scan), so the shared test context stays
 * the same.
 */
@Component
class PaymentEventLog {

	private final List<Object> events = new CopyOnWriteArrayList<>();

	@TransactionalEventListener
	void on(PaymentSucceeded event) {
		this.events.add(event);
	}

	@TransactionalEventListener
	void on(PaymentRefunded event) {
		this.events.add(event);
	}

	List<PaymentSucceeded> succeeded(String outTradeNo) {
		return this.events.stream()
			.filter(PaymentSucceeded.class::isInstance)
			.map(PaymentSucceeded.class::cast)
			.filter((event) -> event.outTradeNo().equals(outTradeNo))
			.toList();
	}

	List<PaymentRefunded> refunded(String outTradeNo) {
		return this.events.stream()
			.filter(PaymentRefunded.class::isInstance)
			.map(PaymentRefunded.class::cast)
			.filter((event) -> event.outTradeNo().equals(outTradeNo))
			.toList();
	}

}
