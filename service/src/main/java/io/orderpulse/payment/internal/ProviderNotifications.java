package io.orderpulse.payment.internal;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.orderpulse.payment.internal.PaymentBook.Receipt;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;
import org.springframework.util.MultiValueMap;

/**
 * Handles the provider's asynchronous notifies: verifies them, then records the payment.
 * Refused notifies change nothing; accepted ones are idempotent, so the provider's
 * retries and duplicates are harmless.
 */
@Service
public class ProviderNotifications {

	private static final Logger log = LoggerFactory.getLogger(ProviderNotifications.class);

	private static final Set<String> PAID_STATUSES = Set.of("TRADE_SUCCESS", "TRADE_FINISHED");

	private final @Nullable NotifyVerifier verifier;

	private final PaymentBook book;

	/**
	 * @param verifier the provider's, none when the sandbox gateway is off: every notify
	 * is refused
	 */
	ProviderNotifications(Optional<NotifyVerifier> verifier, PaymentBook book) {
		this.verifier = verifier.orElse(null);
		this.book = book;
	}

	/**
	 * Handles a notify.
	 * @param form the notify's parameters
	 * @return whether it was accepted (answer {@code success}); a refused notify was
	 * logged
	 */
	public boolean handle(MultiValueMap<String, String> form) {
		Map<String, String> parameters = new HashMap<>();
		for (Map.Entry<String, List<String>> entry : form.entrySet()) {
			if (entry.getValue().size() != 1) {
				// which value was signed would be ambiguous
				return refuse(form.getFirst("out_trade_no"), "parameter " + entry.getKey() + " repeated");
			}
			parameters.put(entry.getKey(), entry.getValue().get(0));
		}
		String outTradeNo = parameters.get("out_trade_no");
		if (this.verifier == null) {
			return refuse(outTradeNo, "the sandbox gateway is off (orderpulse.payment.sandbox.enabled)");
		}
		Optional<String> refusal = this.verifier.refusal(parameters);
		if (refusal.isPresent()) {
			return refuse(outTradeNo, refusal.get());
		}
		String tradeNo = parameters.get("trade_no");
		String totalAmount = parameters.get("total_amount");
		String tradeStatus = parameters.get("trade_status");
		if (outTradeNo == null || tradeNo == null || totalAmount == null || tradeStatus == null) {
			return refuse(outTradeNo, "a parameter is missing");
		}
		if (!PAID_STATUSES.contains(tradeStatus)) {
			log.info("Notify for {} with trade_status {} acknowledged, nothing to record", outTradeNo, tradeStatus);
			return true;
		}
		BigDecimal amount;
		try {
			amount = new BigDecimal(totalAmount);
		}
		catch (NumberFormatException ex) {
			return refuse(outTradeNo, "total_amount " + totalAmount + " is not a number");
		}
		Receipt receipt = this.book.recordPaid(outTradeNo, amount, tradeNo);
		return switch (receipt) {
			case UNKNOWN_TRADE -> refuse(outTradeNo, "unknown out_trade_no");
			case WRONG_AMOUNT -> refuse(outTradeNo, "total_amount " + totalAmount + " is not the payment's");
			default -> true;
		};
	}

	private static boolean refuse(@Nullable String outTradeNo, String reason) {
		log.warn("Refused payment notify for out_trade_no {}: {}", outTradeNo, reason);
		return false;
	}

}
