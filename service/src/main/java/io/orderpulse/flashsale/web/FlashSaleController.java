package io.orderpulse.flashsale.web;

import java.net.URI;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.orderpulse.flashsale.FlashSaleItem;
import io.orderpulse.flashsale.FlashSaleAttempts;
import io.orderpulse.flashsale.FlashSaleSessions;
import io.orderpulse.identity.AuthenticatedUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/flash-sales")
@Tag(name = "Flash sales")
@SecurityRequirement(name = "bearer")
class FlashSaleController {

	private final FlashSaleSessions sessions;

	private final FlashSaleAttempts attempts;

	FlashSaleController(FlashSaleSessions sessions, FlashSaleAttempts attempts) {
		this.sessions = sessions;
		this.attempts = attempts;
	}

	@GetMapping
	@Operation(summary = "Current and upcoming flash-sale items with their remaining stock")
	List<FlashSaleItem> list(@AuthenticationPrincipal AuthenticatedUser user) {
		return this.sessions.open(user);
	}

	@PostMapping("/{itemId}/attempts")
	@PreAuthorize("hasRole('BUYER')")
	@Operation(summary = "Try to buy one unit of a flash-sale item",
			description = "202 when admitted: the order is created asynchronously, pushed on /user/queue/order-updates and "
					+ "can be polled at /api/v1/orders/requests/{requestId}. One per buyer and item; buyers only.")
	CompletableFuture<ResponseEntity<Accepted>> attempt(@AuthenticationPrincipal AuthenticatedUser buyer,
			@PathVariable long itemId) {
		return this.attempts.attempt(buyer, itemId)
			.thenApply((requestId) -> ResponseEntity.accepted()
				.location(URI.create("/api/v1/orders/requests/" + requestId))
				.body(new Accepted(requestId, itemId, "订单创建中")));
	}

	record Accepted(String requestId, long itemId, String message) {
	}

}
