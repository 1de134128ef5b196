package io.orderpulse.catalog.web;

import java.math.BigDecimal;
import java.net.URI;

import io.orderpulse.catalog.NoShop;
import io.orderpulse.catalog.Product;
import io.orderpulse.catalog.ProductDraft;
import io.orderpulse.catalog.ProductPage;
import io.orderpulse.catalog.Products;
import io.orderpulse.identity.AuthenticatedUser;
import io.orderpulse.platform.Paging;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A merchant's own shop's products; MERCHANT only. Products of other shops answer 404; a
 * merchant without a shop gets 403.
 */
@RestController
@RequestMapping("/api/v1/merchant/products")
@PreAuthorize("hasRole('MERCHANT')")
@Tag(name = "Merchant products")
@SecurityRequirement(name = "bearer")
class MerchantProductController {

	private final Products products;

	MerchantProductController(Products products) {
		this.products = products;
	}

	@GetMapping
	@Operation(summary = "A page of the merchant's products, newest first, optionally whose name contains q")
	ProductPage list(@AuthenticationPrincipal AuthenticatedUser caller,
			@RequestParam(defaultValue = "0") @Min(0) @Max(Paging.MAX_PAGE) int page,
			@RequestParam(defaultValue = "20") @Min(1) @Max(100) int size,
			@RequestParam(required = false) @Nullable String q) {
		return this.products.list(caller.orgId(), shopOf(caller), q, page, size);
	}

	@GetMapping("/{productId}")
	@Operation(summary = "A product of the merchant's shop")
	Product get(@AuthenticationPrincipal AuthenticatedUser caller, @PathVariable long productId) {
		return this.products.get(caller.orgId(), shopOf(caller), productId);
	}

	@PostMapping
	@Operation(summary = "List a new product in the merchant's shop")
	ResponseEntity<Product> create(@AuthenticationPrincipal AuthenticatedUser caller,
			@Valid @RequestBody ProductRequest request) {
		Product product = this.products.create(caller.orgId(), shopOf(caller), request.draft());
		return ResponseEntity.created(URI.create("/api/v1/merchant/products/" + product.id())).body(product);
	}

	@PutMapping("/{productId}")
	@Operation(summary = "Change a product of the merchant's shop")
	Product update(@AuthenticationPrincipal AuthenticatedUser caller, @PathVariable long productId,
			@Valid @RequestBody ProductRequest request) {
		return this.products.update(caller.orgId(), shopOf(caller), productId, request.draft());
	}

	@DeleteMapping("/{productId}")
	@Operation(summary = "Delete a product of the merchant's shop")
	ResponseEntity<Void> delete(@AuthenticationPrincipal AuthenticatedUser caller, @PathVariable long productId) {
		this.products.delete(caller.orgId(), shopOf(caller), productId);
		return ResponseEntity.noContent().build();
	}

	private static long shopOf(AuthenticatedUser caller) {
		Long shopId = caller.shopId();
		if (shopId == null) {
			throw new NoShop();
		}
		return shopId;
	}

	record ProductRequest(@NotBlank @Size(max = 200) @Nullable String name,
			@Size(max = 2000) @Nullable String description,
			@NotNull @DecimalMin("0") @DecimalMax(ProductDraft.MAX_PRICE) @Digits(integer = 10,
					fraction = 2) @Nullable BigDecimal price,
			@NotNull @Min(0) @Max(ProductDraft.MAX_STOCK) @Nullable Integer stock) {

		ProductDraft draft() {
			return new ProductDraft(requireValid(this.name), this.description, requireValid(this.price),
					requireValid(this.stock));
		}

		// @Valid has checked them before the controller runs
		private static <T> T requireValid(@Nullable T value) {
			if (value == null) {
				throw new IllegalStateException("validated field is null");
			}
			return value;
		}

	}

}
