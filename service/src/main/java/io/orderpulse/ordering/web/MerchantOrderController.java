package io.orderpulse.ordering.web;

import io.orderpulse.catalog.NoShop;
import io.orderpulse.identity.AuthenticatedUser;
import io.orderpulse.ordering.OrderLifecycle;
import io.orderpulse.ordering.OrderStatus;
import io.orderpulse.ordering.OrderView;
import io.orderpulse.ordering.Page;
import io.orderpulse.platform.Paging;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The merchant's side of orders: its shop's orders and their confirmation, rejection,
 * delivery and completion. Another shop's order answers 404.
 */
@RestController
@RequestMapping("/api/v1/merchant/orders")
@PreAuthorize("hasRole('MERCHANT')")
@Tag(name = "Merchant orders")
@SecurityRequirement(name = "bearer")
class MerchantOrderController {

	private final OrderLifecycle orders;

	MerchantOrderController(OrderLifecycle orders) {
		this.orders = orders;
	}

	@GetMapping
	@Operation(summary = "The shop's orders, newest first")
	Page<OrderView> list(@AuthenticationPrincipal AuthenticatedUser merchant,
			@RequestParam(required = false) @Nullable OrderStatus status,
			@RequestParam(defaultValue = "0") @Min(0) @Max(Paging.MAX_PAGE) int page,
			@RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
		Long shopId = merchant.shopId();
		if (shopId == null) {
			throw new NoShop();
		}
		return this.orders.ofShop(shopId, status, page, size);
	}

	@PostMapping("/{orderId}/confirm")
	@Operation(summary = "Accept a paid order")
	OrderView confirm(@AuthenticationPrincipal AuthenticatedUser merchant, @PathVariable long orderId) {
		return this.orders.confirm(merchant, orderId);
	}

	@PostMapping("/{orderId}/reject")
	@Operation(summary = "Reject a paid or confirmed order: it is cancelled and refunded")
	OrderView reject(@AuthenticationPrincipal AuthenticatedUser merchant, @PathVariable long orderId,
			@Valid @RequestBody Rejection rejection) {
		return this.orders.reject(merchant, orderId, rejection.reason().strip());
	}

	@PostMapping("/{orderId}/deliver")
	@Operation(summary = "Start delivering a confirmed order")
	OrderView deliver(@AuthenticationPrincipal AuthenticatedUser merchant, @PathVariable long orderId) {
		return this.orders.deliver(merchant, orderId);
	}

	@PostMapping("/{orderId}/complete")
	@Operation(summary = "Complete a delivered order")
	OrderView complete(@AuthenticationPrincipal AuthenticatedUser merchant, @PathVariable long orderId) {
		return this.orders.complete(merchant, orderId);
	}

	record Rejection(@NotBlank @Size(max = 500) String reason) {
	}

}
