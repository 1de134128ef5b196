package io.orderpulse.flashsale;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.orderpulse.catalog.Catalog;
import io.orderpulse.catalog.ProductSnapshot;
import io.orderpulse.flashsale.internal.FlashSaleRepository;
import io.orderpulse.identity.AuthenticatedUser;
import io.orderpulse.platform.Problems.FieldProblem;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Flash-sale sessions: created by admins with their items, listed with the remaining
 * stock of each item. Buyers try to buy through {@link FlashSaleAttempts}.
 */
@Service
public class FlashSaleSessions {

	private final FlashSaleRepository repository;

	private final Catalog catalog;

	private final TransactionTemplate transactions;

	FlashSaleSessions(FlashSaleRepository repository, Catalog catalog, TransactionTemplate transactions) {
		this.repository = repository;
		this.catalog = catalog;
		this.transactions = transactions;
	}

	/**
	 * Creates a session with its items in the admin's organization.
	 * @throws org.springframework.web.ErrorResponseException 400 naming the bad fields
	 */
	public FlashSaleDraft.Created create(AuthenticatedUser admin, FlashSaleDraft draft) {
		List<FieldProblem> errors = new ArrayList<>();
		if (!draft.endTime().isAfter(draft.startTime())) {
			errors.add(new FieldProblem("endTime", "must be after startTime"));
		}
		if (!draft.endTime().isAfter(Instant.now())) {
			errors.add(new FieldProblem("endTime", "must be in the future"));
		}
		Map<Long, ProductSnapshot> products = this.catalog
			.findProducts(admin.orgId(), draft.items().stream().map(FlashSaleDraft.Item::productId).toList())
			.stream()
			.collect(Collectors.toMap(ProductSnapshot::id, Function.identity()));
		Set<Long> seen = new HashSet<>();
		for (int i = 0; i < draft.items().size(); i++) {
			FlashSaleDraft.Item item = draft.items().get(i);
			ProductSnapshot product = products.get(item.productId());
			if (product == null) {
				errors.add(new FieldProblem("items[" + i + "].productId", "no such product in your organization"));
			}
			else if (!seen.add(item.productId())) {
				errors.add(new FieldProblem("items[" + i + "].productId", "is on sale twice in this session"));
			}
			else if (item.flashPrice().compareTo(product.price()) > 0) {
				errors.add(new FieldProblem("items[" + i + "].flashPrice",
						"must not be above the product's price " + product.price()));
			}
			if (item.flashPrice().signum() <= 0 || item.flashPrice().stripTrailingZeros().scale() > 2) {
				errors.add(new FieldProblem("items[" + i + "].flashPrice", "must be positive with at most 2 decimals"));
			}
			if (item.stock() < 1 || item.stock() > 1_000_000) {
				errors.add(new FieldProblem("items[" + i + "].stock", "must be between 1 and 1000000"));
			}
		}
		if (!errors.isEmpty()) {
			throw FlashSaleProblems.invalid(errors);
		}
		return this.transactions.execute((status) -> {
			long sessionId = this.repository.insertSession(admin.orgId(), draft.name(), draft.startTime(),
					draft.endTime());
			List<FlashSaleDraft.CreatedItem> created = new ArrayList<>();
			for (FlashSaleDraft.Item item : draft.items()) {
				ProductSnapshot product = products.get(item.productId());
				long itemId = this.repository.insertItem(sessionId, product.id(), product.shopId(), product.name(),
						item.flashPrice(), item.stock(), item.pointsPrice());
				created.add(new FlashSaleDraft.CreatedItem(itemId, product.id(), item.flashPrice(), item.stock(),
						item.pointsPrice()));
			}
			return new FlashSaleDraft.Created(sessionId, draft.name(), draft.startTime(), draft.endTime(), created);
		});
	}

	/**
	 * The organization's current and upcoming items with their remaining stock.
	 */
	public List<FlashSaleItem> open(AuthenticatedUser user) {
		return this.repository.findOpen(user.orgId(), Instant.now());
	}

}
