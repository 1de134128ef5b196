package io.orderpulse.payment.internal.sandbox;

import java.net.URI;
import java.nio.charset.StandardCharsets;

import io.orderpulse.identity.AuthenticatedUser;
import io.orderpulse.payment.PaymentNotFound;
import io.swagger.v3.oas.annotations.Hidden;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The sandbox's pay page, where the buyer sees what they pay and confirms. It is the
 * provider's page, not the service's API, so it lives outside {@code /api}. The page is
 * static ({@code static/sandbox-pay.html}, served at the payment's {@code payUrl}, 404
 * for a trade the sandbox does not know); its script reads the trade from
 * {@code /sandbox/pay/{outTradeNo}/trade} and confirms it, both with the access token of
 * the tab's session, as a real provider would have the buyer sign in first. Only the
 * buyer who owns the trade reads or confirms it: without a token the answer is 401, for
 * another user's trade 404, both as problem details.
 */
@RestController
@Hidden
@ConditionalOnBooleanProperty(SandboxSettings.ENABLED)
class SandboxPayPage {

	private static final Resource PAGE = new ClassPathResource("static/sandbox-pay.html");

	private static final MediaType HTML = new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8);

	private final SandboxGateway gateway;

	SandboxPayPage(SandboxGateway gateway) {
		this.gateway = gateway;
	}

	@GetMapping(path = "/sandbox/pay/{outTradeNo}", produces = MediaType.TEXT_HTML_VALUE)
	ResponseEntity<Resource> page(@PathVariable String outTradeNo) {
		HttpStatus status = this.gateway.trade(outTradeNo).isPresent() ? HttpStatus.OK : HttpStatus.NOT_FOUND;
		return ResponseEntity.status(status).contentType(HTML).body(PAGE);
	}

	@GetMapping("/sandbox/pay/{outTradeNo}/trade")
	TradeDetails trade(@PathVariable String outTradeNo, @AuthenticationPrincipal AuthenticatedUser buyer) {
		return this.gateway.trade(outTradeNo, buyer.userId())
			.map(TradeDetails::of)
			.orElseThrow(() -> new PaymentNotFound(outTradeNo));
	}

	@PostMapping("/sandbox/pay/{outTradeNo}/confirm")
	ResponseEntity<Void> confirm(@PathVariable String outTradeNo, @AuthenticationPrincipal AuthenticatedUser buyer) {
		if (!this.gateway.confirm(outTradeNo, buyer.userId())) {
			throw new PaymentNotFound(outTradeNo);
		}
		// post, redirect, get: reloading the page does not pay again
		return ResponseEntity.status(HttpStatus.SEE_OTHER)
			.location(URI.create(this.gateway.payUrl(outTradeNo)))
			.build();
	}

	/**
	 * What the pay page shows of a trade.
	 *
	 * @param outTradeNo the service's number of the payment
	 * @param subject what is paid for
	 * @param amount the amount, with two decimals
	 * @param state {@code OPEN}, {@code SETTLED} or {@code REFUNDED}
	 * @param tradeNo the sandbox's own number, once settled
	 */
	record TradeDetails(String outTradeNo, String subject, String amount, SandboxTrade.State state,
			@Nullable String tradeNo) {

		static TradeDetails of(SandboxTrade trade) {
			return new TradeDetails(trade.outTradeNo(), trade.subject(), trade.amount().setScale(2).toPlainString(),
					trade.state(), trade.tradeNo());
		}

	}

}
