package io.orderpulse.payment.web;

import io.orderpulse.payment.internal.ProviderNotifications;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Where the provider reports payments: a form POST answered with plain text
 * {@code success} (recorded now or before: stop sending) or {@code failure} with 400
 * (refused: a bad signature, another app id, an unknown trade or a wrong amount). No
 * token: the signature authenticates the provider.
 */
@RestController
@Tag(name = "Payments")
class NotifyController {

	private final ProviderNotifications notifications;

	NotifyController(ProviderNotifications notifications) {
		this.notifications = notifications;
	}

	@PostMapping(path = "/api/v1/payments/notify/sandbox", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE,
			produces = MediaType.TEXT_PLAIN_VALUE)
	@Operation(summary = "The sandbox gateway's signed payment notify")
	ResponseEntity<String> sandbox(@RequestParam MultiValueMap<String, String> parameters) {
		if (this.notifications.handle(parameters)) {
			return ResponseEntity.ok("success");
		}
		return ResponseEntity.badRequest().body("failure");
	}

}
