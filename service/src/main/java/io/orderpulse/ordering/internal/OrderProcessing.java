package io.orderpulse.ordering.internal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.orderpulse.catalog.Catalog;
import io.orderpulse.catalog.InsufficientStock;
import io.orderpulse.catalog.ProductSnapshot;
import io.orderpulse.catalog.ProductStock;
import io.orderpulse.ordering.OrderItemRequest;
import io.orderpulse.ordering.OrderView;
import io.orderpulse.ordering.internal.OrderRepository.NewOrder;
import io.orderpulse.ordering.internal.OrderRepository.OrderDraft;
import io.orderpulse.ordering.internal.OrderRequestRepository.OrderRequest;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Turns accepted order requests into orders, in batches (the in-process
 * {@link OrderProcessor}'s, or one request of the broker's {@link OrderRequestQueue}).
 * What each request became is stored and pushed by {@link ProcessingOutcomes}.
 */
@Component
class OrderProcessing {

	private static final TypeReference<List<OrderItemRequest>> ITEMS = new TypeReference<>() {
	};

	private final OrderRequestRepository requests;

	private final OrderRepository orders;

	private final Catalog catalog;

	private final JsonMapper json;

	private final ProcessingOutcomes outcomes;

	OrderProcessing(OrderRequestRepository requests, OrderRepository orders, Catalog catalog, JsonMapper json,
			ProcessingOutcomes outcomes) {
		this.requests = requests;
		this.orders = orders;
		this.catalog = catalog;
		this.json = json;
		this.outcomes = outcomes;
	}

	/**
	 * Turns accepted requests into orders in one transaction (the caller's), in the order
	 * given: each is PROCESSING, then COMPLETED with its order (stock taken, total
	 * computed) or FAILED with the reason, pushed to its buyer and its organization's
	 * admins. Requests completed or failed before (a repeated call) are left alone.
	 * <p>
	 * The products' rows are locked once for the whole batch and the requests are decided
	 * one after the other against what is left, so a popular product's row is locked once
	 * per batch instead of once per order from its update to the commit (every other
	 * order of it waited for that commit), and a batch costs about ten statements and one
	 * commit whatever its size, where one order cost about twenty statements and five
	 * commits from intake to its order (PostgreSQL's statement log).
	 * @return per request whether it was processed now
	 * @throws RuntimeException for a request that cannot be read (its stored items); the
	 * whole batch then rolls back
	 */
	@Transactional
	public List<Boolean> processAll(List<RequestKey> keys) {
		int size = keys.size();
		long[] buyerIds = new long[size];
		String[] requestIds = new String[size];
		for (int i = 0; i < size; i++) {
			buyerIds[i] = keys.get(i).buyerId();
			requestIds[i] = keys.get(i).requestId();
		}
		Map<RequestKey, OrderRequest> open = new HashMap<>();
		Map<RequestKey, Map<Long, Integer>> wanted = new HashMap<>();
		Set<Long> productIds = new HashSet<>();
		for (OrderRequest request : this.requests.lockOpen(buyerIds, requestIds)) {
			RequestKey key = new RequestKey(request.buyerId(), request.requestId());
			Map<Long, Integer> quantities = this.json.readValue(request.items(), ITEMS)
				.stream()
				.collect(Collectors.toMap(OrderItemRequest::productId, OrderItemRequest::quantity, Integer::sum,
						LinkedHashMap::new));
			open.put(key, request);
			wanted.put(key, quantities);
			productIds.addAll(quantities.keySet());
		}
		Map<Long, ProductStock> products = new HashMap<>();
		Map<Long, Integer> left = new HashMap<>();
		for (ProductStock product : this.catalog.lockStock(productIds)) {
			products.put(product.product().id(), product);
			left.put(product.product().id(), product.stock());
		}
		List<Boolean> processed = new ArrayList<>(size);
		List<Outcome> decided = new ArrayList<>();
		List<OrderDraft> drafts = new ArrayList<>();
		Map<Long, Integer> taken = new HashMap<>();
		for (RequestKey key : keys) {
			OrderRequest request = open.remove(key);
			processed.add(request != null);
			if (request == null) {
				continue;
			}
			Outcome outcome = decide(request, wanted.get(key), products, left);
			decided.add(outcome);
			if (outcome.order() != null) {
				drafts.add(outcome.order());
				outcome.order().items().forEach((line) -> taken.merge(line.productId(), line.quantity(), Integer::sum));
			}
		}
		List<NewOrder> created = this.orders.insertAll(drafts);
		this.catalog.takeStock(taken);
		this.outcomes.record(decided, created);
		return processed;
	}

	/**
	 * Whether the products of one request exist in its organization, belong to one shop
	 * and are in stock after the requests decided before it; if so its order, and what it
	 * takes is subtracted from {@code left}.
	 */
	private Outcome decide(OrderRequest request, Map<Long, Integer> quantities, Map<Long, ProductStock> products,
			Map<Long, Integer> left) {
		Set<Long> shops = new HashSet<>();
		for (Map.Entry<Long, Integer> entry : quantities.entrySet()) {
			ProductStock product = products.get(entry.getKey());
			if (product == null || product.product().orgId() != request.orgId()) {
				return Outcome.failed(request, "Product " + entry.getKey() + " does not exist.");
			}
			if (entry.getValue() < 1) {
				return Outcome.failed(request,
						"quantity of product " + entry.getKey() + " must be at least 1, was " + entry.getValue());
			}
			shops.add(product.product().shopId());
		}
		if (shops.size() != 1) {
			return Outcome.failed(request, "An order may contain products of one shop only.");
		}
		for (Map.Entry<Long, Integer> entry : quantities.entrySet()) {
			int available = left.get(entry.getKey());
			if (available < entry.getValue()) {
				String reason = new InsufficientStock(entry.getKey(), products.get(entry.getKey()).product().name(),
						entry.getValue(), available)
					.getBody()
					.getDetail();
				return Outcome.failed(request, String.valueOf(reason));
			}
		}
		quantities.forEach((productId, quantity) -> left.merge(productId, -quantity, Integer::sum));
		List<OrderView.Item> lines = quantities.entrySet().stream().map((entry) -> {
			ProductSnapshot product = products.get(entry.getKey()).product();
			BigDecimal lineTotal = product.price().multiply(BigDecimal.valueOf(entry.getValue()));
			return new OrderView.Item(product.id(), product.name(), product.price(), entry.getValue(), lineTotal);
		}).toList();
		BigDecimal total = lines.stream().map(OrderView.Item::lineTotal).reduce(BigDecimal.ZERO, BigDecimal::add);
		return new Outcome(request, new OrderDraft(request.requestId(), request.buyerId(), request.orgId(),
				shops.iterator().next(), total, lines), null);
	}

}
