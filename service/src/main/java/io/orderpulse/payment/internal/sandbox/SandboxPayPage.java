package io.orderpulse.payment.internal.sandbox;

import java.net.URI;

import io.orderpulse.identity.AuthenticatedUser;
import io.orderpulse.payment.PaymentNotFound;
import io.swagger.v3.oas.annotations.Hidden;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/**
 * The sandbox's pay page, where the buyer sees what they pay and confirms. It is the
 * provider's page, not the service's API, so it lives outside {@code /api}. Confirming
 * needs the access token of the buyer who owns the trade, as a real provider would have
 * the buyer sign in first: the page's script sends the token of the tab's session
 * ({@code /js/sandbox-pay.js}); without one the answer is 401, for another user's trade
 * 404, both as problem details.
 */
@RestController
@Hidden
@ConditionalOnBooleanProperty(SandboxSettings.ENABLED)
class SandboxPayPage {

	private final SandboxGateway gateway;

	SandboxPayPage(SandboxGateway gateway) {
		this.gateway = gateway;
	}

	@GetMapping(path = "/sandbox/pay/{outTradeNo}", produces = MediaType.TEXT_HTML_VALUE)
	ResponseEntity<String> page(@PathVariable String outTradeNo) {
		return this.gateway.trade(outTradeNo)
			.map((trade) -> ResponseEntity.ok(page(trade)))
			.orElseGet(() -> ResponseEntity.status(HttpStatus.NOT_FOUND)
				.body(html("Unknown payment", "<p>The sandbox knows no payment with this number.</p>")));
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

	private String page(SandboxTrade trade) {
		String number = HtmlUtils.htmlEscape(trade.outTradeNo());
		String body = "<p class=\"subject\">" + HtmlUtils.htmlEscape(trade.subject()) + "</p>"
				+ "<p class=\"amount\">¥ " + trade.amount().toPlainString() + "</p>" + "<p>Payment " + number + "</p>";
		body += switch (trade.state()) {
			case OPEN -> "<form method=\"post\" action=\"/sandbox/pay/" + number + "/confirm\">"
					+ "<button type=\"submit\">Confirm payment</button></form><p class=\"error\" role=\"alert\"></p>"
					+ "<script src=\"/js/session.js\"></script><script src=\"/js/sandbox-pay.js\"></script>";
			case SETTLED -> "<p class=\"state\">Paid (trade " + HtmlUtils.htmlEscape(String.valueOf(trade.tradeNo()))
					+ "). You may close this page.</p>";
			case REFUNDED -> "<p class=\"state\">Refunded.</p>";
		};
		return html("Sandbox payment", body);
	}

	private static String html(String title, String body) {
		return """
				<!doctype html>
				<html lang="en"><head><meta charset="utf-8">
				<meta name="viewport" content="width=device-width, initial-scale=1">
				<title>%s</title>
				<style>body{font-family:system-ui,sans-serif;max-width:28rem;margin:3rem auto;padding:0 1rem}
				.amount{font-size:2rem;font-weight:bold}button{font-size:1.1rem;padding:.6rem 1.4rem}
				.note{color:#666;font-size:.85rem}</style></head>
				<body><h1>%s</h1>%s
				<p class="note">OrderPulse sandbox gateway: no real money moves.</p></body></html>
				""".formatted(title, title, body);
	}

}
