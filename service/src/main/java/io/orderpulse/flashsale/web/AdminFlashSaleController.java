package io.orderpulse.flashsale.web;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.util.List;

import io.orderpulse.flashsale.FlashSaleDraft;
import io.orderpulse.flashsale.FlashSaleSessions;
import io.orderpulse.identity.AuthenticatedUser;
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
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/admin/flash-sales")
@PreAuthorize("hasRole('ADMIN')")
@Tag(name = "Flash sales")
@SecurityRequirement(name = "bearer")
class AdminFlashSaleController {

	private final FlashSaleSessions sessions;

	AdminFlashSaleController(FlashSaleSessions sessions) {
		this.sessions = sessions;
	}

	@PostMapping
	@Operation(summary = "Create a flash-sale session with its items",
			description = "Times are ISO-8601; the end must be after the start and in the future. Each item's flash price "
					+ "is positive with at most two decimals and not above the product's price; stock 1-1000000.")
	ResponseEntity<FlashSaleDraft.Created> create(@AuthenticationPrincipal AuthenticatedUser admin,
			@Valid @RequestBody NewSession request) {
		FlashSaleDraft.Created created = this.sessions.create(admin, request.draft());
		return ResponseEntity.created(URI.create("/api/v1/flash-sales?session=" + created.sessionId())).body(created);
	}

	record NewSession(@NotBlank @Size(max = 200) String name, @NotNull Instant startTime, @NotNull Instant endTime,
			@NotEmpty @Size(max = 100) List<@Valid @NotNull Item> items) {

		FlashSaleDraft draft() {
			return new FlashSaleDraft(this.name, this.startTime, this.endTime,
					this.items.stream()
						.map((item) -> new FlashSaleDraft.Item(item.productId(), item.flashPrice(), item.stock(),
								item.pointsPrice()))
						.toList());
		}

	}

	record Item(@NotNull @Positive Long productId,
			@NotNull @DecimalMin(value = "0.00", inclusive = false) @Digits(integer = 10,
					fraction = 2) BigDecimal flashPrice,
			@NotNull @Min(1) @Max(1_000_000) Integer stock, @Nullable @Positive Long pointsPrice) {
	}

}
