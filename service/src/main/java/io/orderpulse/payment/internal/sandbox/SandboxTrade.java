package io.orderpulse.payment.internal.sandbox;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;

/**
 * A trade as the sandbox keeps it: opened, then settled once (the buyer paid), maybe
 * refunded.
 */
final class SandboxTrade {

	private final String outTradeNo;

	private final BigDecimal amount;

	private final String subject;

	private final long buyerId;

	private final AtomicReference<State> state = new AtomicReference<>(State.OPEN);

	private volatile @Nullable String tradeNo;

	SandboxTrade(String outTradeNo, BigDecimal amount, String subject, long buyerId) {
		this.outTradeNo = outTradeNo;
		this.amount = amount;
		this.subject = subject;
		this.buyerId = buyerId;
	}

	String outTradeNo() {
		return this.outTradeNo;
	}

	BigDecimal amount() {
		return this.amount;
	}

	String subject() {
		return this.subject;
	}

	/**
	 * The user id of the buyer who may pay it.
	 */
	long buyerId() {
		return this.buyerId;
	}

	State state() {
		return this.state.get();
	}

	@Nullable String tradeNo() {
		return this.tradeNo;
	}

	/**
	 * Settles an open trade under the sandbox's own trade number.
	 * @return whether this call settled it
	 */
	boolean settle(String tradeNo) {
		if (this.state.compareAndSet(State.OPEN, State.SETTLED)) {
			this.tradeNo = tradeNo;
			return true;
		}
		return false;
	}

	void refunded() {
		this.state.set(State.REFUNDED);
	}

	enum State {

		OPEN, SETTLED, REFUNDED

	}

}
