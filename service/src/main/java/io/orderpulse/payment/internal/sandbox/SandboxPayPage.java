package io.orderpulse.payment.internal.sandbox;

import java.net.URI;

import io.swagger.v3.oas.annotations.Hidden;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/**
 * The sandbox's pay page, where the buyer sees what they pay and confirms. It is the
 * provider's page, not the service's API, so it lives outside {@code /api} and needs no
 * token: the random trade number is the only key, as on a provider's hosted checkout.
 */
@RestController
@Hidden
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

	@PostMapping(path = "/sandbox/pay/{outTradeNo}/confirm", produces = MediaType.TEXT_HTML_VALUE)
	ResponseEntity<String> confirm(@PathVariable String outTradeNo) {
		if (!this.gateway.settle(outTradeNo)) {
			return ResponseEntity.status(HttpStatus.NOT_FOUND)
				.body(html("Unknown payment", "<p>The sandbox knows no payment with this number.</p>"));
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
					+ "<button type=\"submit\">Confirm payment</button></form>";
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
