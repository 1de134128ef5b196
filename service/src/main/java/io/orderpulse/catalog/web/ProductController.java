package io.orderpulse.catalog.web;

import io.orderpulse.catalog.Product;
import io.orderpulse.catalog.ProductPage;
import io.orderpulse.catalog.Products;
import io.orderpulse.identity.AuthenticatedUser;
import io.orderpulse.platform.Paging;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.jspecify.annotations.Nullable;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The products of the caller's organization, for any user. Products of other
 * organizations answer 404.
 */
@RestController
@RequestMapping("/api/v1/products")
@Tag(name = "Products")
@SecurityRequirement(name = "bearer")
class ProductController {

	private final Products products;

	ProductController(Products products) {
		this.products = products;
	}

	@GetMapping
	@Operation(summary = "A page of the organization's products, newest first, optionally of one shop "
			+ "or whose name contains q (regardless of case)")
	ProductPage list(@AuthenticationPrincipal AuthenticatedUser caller,
			@RequestParam(defaultValue = "0") @Min(0) @Max(Paging.MAX_PAGE) int page,
			@RequestParam(defaultValue = "20") @Min(1) @Max(100) int size,
			@RequestParam(required = false) @Nullable String q, @RequestParam(required = false) @Nullable Long shopId) {
		return this.products.list(caller.orgId(), shopId, q, page, size);
	}

	@GetMapping("/{productId}")
	@Operation(summary = "A product of the organization")
	Product get(@AuthenticationPrincipal AuthenticatedUser caller, @PathVariable long productId) {
		return this.products.get(caller.orgId(), productId);
	}

}
