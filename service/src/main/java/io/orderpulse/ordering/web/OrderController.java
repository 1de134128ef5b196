package io.orderpulse.ordering.web;

import java.math.BigDecimal;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import io.orderpulse.identity.AuthenticatedUser;
import io.orderpulse.ordering.OrderIntake;
import io.orderpulse.ordering.OrderItemRequest;
import io.orderpulse.ordering.OrderLifecycle;
import io.orderpulse.ordering.OrderPayments;
import io.orderpulse.ordering.OrderRefund;
import io.orderpulse.ordering.OrderStatus;
import io.orderpulse.ordering.OrderStatusMessage;
import io.orderpulse.ordering.OrderView;
import io.orderpulse.ordering.Page;
import io.orderpulse.payment.Payment;
import io.orderpulse.payment.PaymentMethod;
import io.orderpulse.platform.Paging;
import io.orderpulse.platform.Problems;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/orders")
@Tag(name = "Orders")
@SecurityRequirement(name = "bearer")
class OrderController {

	private static final String KEY_PATTERN = "[A-Za-z0-9_.:-]{1,64}";

	private final OrderIntake intake;

	private final OrderLifecycle orders;

	private final OrderPayments payments;

	OrderController(OrderIntake intake, OrderLifecycle orders, OrderPayments payments) {
		this.intake = intake;
		this.orders = orders;
		this.payments = payments;
	}

	@PostMapping
	@PreAuthorize("hasRole('BUYER')")
	@Operation(summary = "Place an order (asynchronous, idempotent)",
			description = "Send an Idempotency-Key header (or requestId in the body): repeating it answers the same request and never "
					+ "creates a second order. Progress is pushed on /user/queue/order-updates and can be polled at "
					+ "/api/v1/orders/requests/{requestId}.")
	CompletableFuture<ResponseEntity<Accepted>> place(@AuthenticationPrincipal AuthenticatedUser buyer,
			@RequestHeader(name = "Idempotency-Key", required = false) @Nullable String idempotencyKey,
			@Valid @RequestBody PlaceOrder request) {
		String requestId = requestId(idempotencyKey, request.requestId());
		return this.intake.place(buyer, requestId, request.itemRequests())
			.thenApply((state) -> ResponseEntity.accepted()
				.location(URI.create("/api/v1/orders/requests/" + requestId))
				.body(new Accepted(requestId, state.status(), state.orderId(), state.message())));
	}

	private static String requestId(@Nullable String header, @Nullable String body) {
		if (header != null && body != null && !header.equals(body)) {
			throw new ErrorResponseException(HttpStatus.BAD_REQUEST, Problems.detail(HttpStatus.BAD_REQUEST,
					"invalid-request", "Invalid request", "Idempotency-Key and requestId differ: send one of them."),
					null);
		}
		String key = (header != null) ? header : body;
		if (key == null) {
			return UUID.randomUUID().toString();
		}
		if (!key.matches(KEY_PATTERN)) {
			throw new ErrorResponseException(HttpStatus.BAD_REQUEST,
					Problems.detail(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request",
							"Idempotency-Key must be 1-64 characters of letters, digits, '_', '.', ':' or '-'."),
					null);
		}
		return key;
	}

	@GetMapping("/requests/{requestId}")
	@Operation(summary = "The state of one of your order requests, as pushed")
	OrderStatusMessage request(@AuthenticationPrincipal AuthenticatedUser buyer, @PathVariable String requestId) {
		return this.intake.request(buyer.userId(), requestId);
	}

	@GetMapping
	@Operation(summary = "Your orders, newest first")
	Page<OrderView> list(@AuthenticationPrincipal AuthenticatedUser buyer,
			@RequestParam(required = false) @Nullable OrderStatus status,
			@RequestParam(defaultValue = "0") @Min(0) @Max(Paging.MAX_PAGE) int page,
			@RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
		return this.orders.ofBuyer(buyer.userId(), status, page, size);
	}

	@GetMapping("/{orderId}")
	@Operation(summary = "One order: for its buyer, the shop's merchants and the organization's admins")
	OrderView get(@AuthenticationPrincipal AuthenticatedUser caller, @PathVariable long orderId) {
		return this.orders.get(caller, orderId);
	}

	@PostMapping("/{orderId}/cancel")
	@Operation(summary = "Cancel your order before it is paid")
	OrderView cancel(@AuthenticationPrincipal AuthenticatedUser buyer, @PathVariable long orderId) {
		return this.orders.cancelByBuyer(buyer, orderId);
	}

	@PostMapping("/{orderId}/payments")
	@Operation(summary = "Pay your order",
			description = "Returns the payment with the provider's payUrl; the order becomes PAID when the provider's notify arrives.")
	ResponseEntity<Payment> pay(@AuthenticationPrincipal AuthenticatedUser buyer, @PathVariable long orderId,
			@Valid @RequestBody PayOrder request) {
		Payment payment = this.payments.startPayment(buyer, orderId, request.method());
		return ResponseEntity.created(URI.create("/api/v1/payments/" + payment.outTradeNo())).body(payment);
	}

	@PostMapping("/{orderId}/refund")
	@Operation(summary = "Refund a paid order (the buyer; or a merchant of its shop, also once confirmed)",
			description = "Pays back the whole payment or 'amount' of it through its method (sandbox gateway or points), "
					+ "the order becomes REFUNDED and its stock comes back. Asking again answers the same refund.")
	OrderRefund refund(@AuthenticationPrincipal AuthenticatedUser caller, @PathVariable long orderId,
			@Valid @RequestBody RefundRequest request) {
		return this.payments.refund(caller, orderId, request.reason().strip(), request.amount());
	}

	@PostMapping("/{orderId}/reminders")
	@Operation(summary = "Remind the shop of your paid order (at most once every 5 minutes)")
	ResponseEntity<Void> remind(@AuthenticationPrincipal AuthenticatedUser buyer, @PathVariable long orderId) {
		this.orders.remind(buyer, orderId);
		return ResponseEntity.accepted().build();
	}

	record PlaceOrder(@NotEmpty @Size(max = 50) List<@Valid @NotNull Line> items,
			@Nullable @Pattern(regexp = KEY_PATTERN) String requestId) {

		List<OrderItemRequest> itemRequests() {
			return this.items.stream().map((line) -> new OrderItemRequest(line.productId(), line.quantity())).toList();
		}

	}

	record PayOrder(@NotNull PaymentMethod method) {
	}

	record RefundRequest(@NotBlank @Size(max = 500) String reason, @Nullable @DecimalMin(value = "0.00",
			inclusive = false) @Digits(integer = 10, fraction = 2) BigDecimal amount) {
	}

	record Line(@NotNull @Positive Long productId, @NotNull @Min(1) @Max(1000) Integer quantity) {
	}

	record Accepted(String requestId, String status, @Nullable Long orderId, String message) {
	}

}
