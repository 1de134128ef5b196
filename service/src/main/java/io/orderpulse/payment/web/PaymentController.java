package io.orderpulse.payment.web;

import io.orderpulse.identity.AuthenticatedUser;
import io.orderpulse.payment.Payment;
import io.orderpulse.payment.PaymentNotFound;
import io.orderpulse.payment.Payments;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A payment, for the buyer who pays it; anyone else gets 404, as for a payment that does
 * not exist.
 */
@RestController
@RequestMapping("/api/v1/payments")
@Tag(name = "Payments")
@SecurityRequirement(name = "bearer")
class PaymentController {

	private final Payments payments;

	PaymentController(Payments payments) {
		this.payments = payments;
	}

	@GetMapping("/{outTradeNo}")
	@Operation(summary = "One of the caller's payments")
	Payment get(@AuthenticationPrincipal AuthenticatedUser caller, @PathVariable String outTradeNo) {
		return this.payments.find(outTradeNo)
			.filter((payment) -> payment.buyerId() == caller.userId())
			.orElseThrow(() -> new PaymentNotFound(outTradeNo));
	}

}
