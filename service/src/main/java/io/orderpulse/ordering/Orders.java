package io.orderpulse.ordering;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

import io.orderpulse.catalog.Catalog;
import io.orderpulse.catalog.InsufficientStock;
import io.orderpulse.catalog.ProductSnapshot;
import io.orderpulse.catalog.ProductStock;
import io.orderpulse.identity.AuthenticatedUser;
import io.orderpulse.identity.Role;
import io.orderpulse.identity.UserAccounts;
import io.orderpulse.ordering.OrderEvents.OrderCancelled;
import io.orderpulse.ordering.OrderEvents.OrderPaid;
import io.orderpulse.ordering.OrderEvents.OrderPlaced;
import io.orderpulse.ordering.OrderEvents.OrderRefunded;
import io.orderpulse.ordering.OrderEvents.OrderRequested;
import io.orderpulse.ordering.internal.OrderRepository;
import io.orderpulse.ordering.internal.OrderRepository.NewOrder;
import io.orderpulse.ordering.internal.OrderRepository.OrderDraft;
import io.orderpulse.ordering.internal.OrderRequestRepository;
import io.orderpulse.ordering.internal.OrderRequestRepository.OrderRequest;
import io.orderpulse.ordering.internal.OrderingSettings;
import io.orderpulse.payment.Payment;
import io.orderpulse.payment.PaymentMethod;
import io.orderpulse.payment.PaymentRequest;
import io.orderpulse.payment.PaymentStatus;
import io.orderpulse.payment.Payments;
import io.orderpulse.payment.Points;
import io.orderpulse.platform.Problems;
import io.orderpulse.platform.database.GroupCommit;
import io.orderpulse.realtime.Destinations;
import io.orderpulse.realtime.UserEvents;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.ErrorResponseException;

/**
 * Orders: the intake of order requests, their asynchronous processing into orders, and
 * every later change of an order. Each change is stored together with the pushes it
 * causes (the realtime module stores them in the same transaction), so none is lost or
 * sent for a change that did not happen.
 */
@Service
public class Orders implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(Orders.class);

	private static final String COMPLETED_MESSAGE = "订单创建成功 (order created)";

	private static final TypeReference<List<OrderItemRequest>> ITEMS = new TypeReference<>() {
	};

	private final OrderRequestRepository requests;

	private final OrderRepository orders;

	private final Catalog catalog;

	private final UserAccounts accounts;

	private final UserEvents events;

	private final ApplicationEventPublisher publisher;

	private final TransactionTemplate transactions;

	private final JsonMapper json;

	private final OrderingSettings settings;

	private final Payments payments;

	private final Points points;

	private final GroupCommit<Intake, Accepted> intake;

	Orders(OrderRequestRepository requests, OrderRepository orders, Catalog catalog, UserAccounts accounts,
			UserEvents events, ApplicationEventPublisher publisher, TransactionTemplate transactions, JsonMapper json,
			OrderingSettings settings, Payments payments, Points points) {
		this.requests = requests;
		this.orders = orders;
		this.catalog = catalog;
		this.accounts = accounts;
		this.events = events;
		this.publisher = publisher;
		this.transactions = transactions;
		this.json = json;
		this.settings = settings;
		this.payments = payments;
		this.points = points;
		this.intake = new GroupCommit<>("order-intake", 500, transactions, this::accept);
	}

	@Override
	public void destroy() throws InterruptedException {
		this.intake.close();
	}

	/**
	 * Accepts an order request once per buyer and request id: repeating it answers the
	 * request's current state and creates nothing. Processing continues asynchronously.
	 * Requests that arrive together are stored together (see {@link #accept}); the answer
	 * completes once they are committed, so no request thread waits for the batch (a
	 * waiting virtual thread may not be run again for seconds while a crowd keeps the
	 * carriers busy: docs/decisions/0005-virtual-request-threads.md).
	 * @return completes with the request's state, or exceptionally with
	 * {@link ErrorResponseException} 409 if the id was used for other items
	 */
	public CompletableFuture<OrderStatusMessage> place(AuthenticatedUser buyer, String requestId,
			List<OrderItemRequest> items) {
		String canonical = this.json
			.writeValueAsString(items.stream().sorted(Comparator.comparingLong(OrderItemRequest::productId)).toList());
		CompletableFuture<OrderStatusMessage> answer = new CompletableFuture<>();
		this.intake.submit(new Intake(buyer.userId(), buyer.orgId(), requestId, canonical))
			.whenComplete((accepted, failure) -> {
				if (failure != null) {
					answer.completeExceptionally(failure);
				}
				else if (accepted.conflict() != null) {
					answer.completeExceptionally(accepted.conflict());
				}
				else {
					answer.complete(accepted.state());
				}
			});
		return answer;
	}

	/**
	 * Stores the order requests that arrived together in one transaction (the
	 * {@link GroupCommit}'s): the requests with one statement, their PENDING pushes with
	 * two, and an {@link OrderRequested} each for processing, instead of one transaction
	 * per request (docs/decisions/0003-group-commit.md). A request whose buyer had used
	 * its id already (also earlier in the same batch) is answered with that request's
	 * state.
	 */
	private List<Accepted> accept(List<Intake> intakes) {
		int size = intakes.size();
		long[] buyers = new long[size];
		String[] requestIds = new String[size];
		long[] orgs = new long[size];
		String[] items = new String[size];
		for (int i = 0; i < size; i++) {
			Intake intake = intakes.get(i);
			buyers[i] = intake.buyerId();
			requestIds[i] = intake.requestId();
			orgs[i] = intake.orgId();
			items[i] = intake.items();
		}
		Set<String> stored = this.requests.insertAllIfAbsent(buyers, requestIds, orgs, items);
		List<Accepted> results = new ArrayList<>(size);
		List<UserEvents.Publication> pushes = new ArrayList<>();
		List<Intake> accepted = new ArrayList<>();
		for (Intake intake : intakes) {
			if (stored.remove(intake.buyerId() + ":" + intake.requestId())) {
				OrderStatusMessage pending = new OrderStatusMessage(null, intake.buyerId(),
						RequestStatus.PENDING.name(), null, Instant.now(), "订单创建中 (order accepted)", intake.requestId(),
						null);
				pushes.add(new UserEvents.Publication(intake.buyerId(), Destinations.ORDER_UPDATES, pending));
				results.add(new Accepted(pending, null));
				accepted.add(intake);
			}
			else {
				OrderRequest existing = this.requests.find(intake.buyerId(), intake.requestId()).orElseThrow();
				results.add(existing.items().equals(intake.items()) ? new Accepted(message(existing), null)
						: new Accepted(null, OrderProblems.keyReused(intake.requestId())));
			}
		}
		this.events.publishAll(pushes);
		for (Intake intake : accepted) {
			this.publisher.publishEvent(new OrderRequested(intake.buyerId(), intake.requestId(), intake.orgId()));
		}
		return results;
	}

	/**
	 * The current state of one of the buyer's requests, as pushed.
	 */
	@Transactional(readOnly = true)
	public OrderStatusMessage request(long buyerId, String requestId) {
		return this.requests.find(buyerId, requestId)
			.map(this::message)
			.orElseThrow(() -> OrderProblems.requestNotFound(requestId));
	}

	/**
	 * Turns an accepted request into an order (see {@link #processAll}). Safe to run
	 * again for the same request.
	 */
	public void process(long buyerId, String requestId) {
		this.transactions.executeWithoutResult((status) -> processAll(List.of(new RequestKey(buyerId, requestId))));
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
		List<Outcome> outcomes = new ArrayList<>();
		List<OrderDraft> drafts = new ArrayList<>();
		Map<Long, Integer> taken = new HashMap<>();
		for (RequestKey key : keys) {
			OrderRequest request = open.remove(key);
			processed.add(request != null);
			if (request == null) {
				continue;
			}
			Outcome outcome = decide(request, wanted.get(key), products, left);
			outcomes.add(outcome);
			if (outcome.order() != null) {
				drafts.add(outcome.order());
				outcome.order().items().forEach((line) -> taken.merge(line.productId(), line.quantity(), Integer::sum));
			}
		}
		List<NewOrder> created = this.orders.insertAll(drafts);
		this.catalog.takeStock(taken);
		record(outcomes, created);
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

	/**
	 * Stores the batch's outcomes on the requests (one statement for the completed, one
	 * for the failed) and pushes PROCESSING and then the outcome of each, in the batch's
	 * order.
	 */
	private void record(List<Outcome> outcomes, List<NewOrder> created) {
		List<UserEvents.Publication> pushes = new ArrayList<>(outcomes.size() * 2);
		List<Outcome> completed = new ArrayList<>(created.size());
		List<Outcome> failed = new ArrayList<>();
		int next = 0;
		for (Outcome outcome : outcomes) {
			OrderRequest request = outcome.request();
			List<OrderStatusMessage> steps = new ArrayList<>(2);
			steps.add(new OrderStatusMessage(null, request.buyerId(), RequestStatus.PROCESSING.name(), null,
					Instant.now(), "订单处理中 (processing)", request.requestId(), null));
			if (outcome.order() != null) {
				NewOrder order = created.get(next++);
				completed.add(outcome);
				steps.add(new OrderStatusMessage(order.id(), request.buyerId(), RequestStatus.COMPLETED.name(),
						outcome.order().total(), Instant.now(), COMPLETED_MESSAGE, request.requestId(),
						order.orderNumber()));
				this.publisher.publishEvent(new OrderPlaced(order.id(), request.buyerId(), outcome.order().shopId(),
						outcome.order().total(), this.settings.paymentTimeout()));
			}
			else {
				failed.add(outcome);
				steps.add(new OrderStatusMessage(null, request.buyerId(), RequestStatus.FAILED.name(), null,
						Instant.now(), outcome.reason(), request.requestId(), null));
			}
			for (OrderStatusMessage step : steps) {
				pushes.add(new UserEvents.Publication(request.buyerId(), Destinations.ORDER_UPDATES, step));
				this.events.broadcast(request.orgId(), Destinations.ADMIN_ORDER_UPDATES, step);
			}
		}
		if (!completed.isEmpty()) {
			this.requests.completeAll(completed.stream().mapToLong((outcome) -> outcome.request().buyerId()).toArray(),
					completed.stream().map((outcome) -> outcome.request().requestId()).toArray(String[]::new),
					created.stream().mapToLong(NewOrder::id).toArray(),
					completed.stream().map((outcome) -> outcome.order().total().toPlainString()).toArray(String[]::new),
					COMPLETED_MESSAGE);
		}
		if (!failed.isEmpty()) {
			this.requests.failAll(failed.stream().mapToLong((outcome) -> outcome.request().buyerId()).toArray(),
					failed.stream().map((outcome) -> outcome.request().requestId()).toArray(String[]::new),
					failed.stream().map(Outcome::reason).toArray(String[]::new));
		}
		this.events.publishAll(pushes);
	}

	/**
	 * Creates the order of a flash-sale admission: one unit at the flash price, awaiting
	 * payment, without taking catalog stock (the flash sale's item has its own stock, and
	 * cancelling the order returns none to the catalog). The request is recorded as
	 * COMPLETED, so it can be polled like any other, and the buyer gets the same
	 * PROCESSING and COMPLETED pushes. Idempotent per buyer and request id: a repeated
	 * call answers the order created before.
	 * @param pointsPrice the item's price in points, if it can be paid with points
	 * @param paymentTimeout how long the order may stay unpaid (the flash sale's own)
	 * @return the order's id
	 * @throws ErrorResponseException 409 if the request id was used otherwise
	 */
	@Transactional
	public long placeFlashSaleOrder(long buyerId, long orgId, String requestId, long shopId, long productId,
			String productName, BigDecimal flashPrice, @Nullable Long pointsPrice, Duration paymentTimeout) {
		String canonical = this.json.writeValueAsString(List.of(new OrderItemRequest(productId, 1)));
		if (!this.requests.insertIfAbsent(buyerId, requestId, orgId, canonical)) {
			OrderRequest existing = this.requests.find(buyerId, requestId).orElseThrow();
			if (existing.orderId() == null || !existing.items().equals(canonical)) {
				throw OrderProblems.keyReused(requestId);
			}
			return existing.orderId();
		}
		this.requests.startProcessing(buyerId, requestId);
		push(new OrderStatusMessage(null, buyerId, RequestStatus.PROCESSING.name(), null, Instant.now(),
				"订单处理中 (processing)", requestId, null), orgId);
		List<OrderView.Item> lines = List.of(new OrderView.Item(productId, productName, flashPrice, 1, flashPrice));
		NewOrder order = this.orders.insert(requestId, buyerId, orgId, shopId, flashPrice, lines, false, pointsPrice);
		long orderId = order.id();
		this.requests.complete(buyerId, requestId, orderId, flashPrice, "订单创建成功 (order created)");
		push(new OrderStatusMessage(orderId, buyerId, RequestStatus.COMPLETED.name(), flashPrice, Instant.now(),
				"订单创建成功 (order created)", requestId, order.orderNumber()), orgId);
		this.publisher.publishEvent(new OrderPlaced(orderId, buyerId, shopId, flashPrice, paymentTimeout));
		return orderId;
	}

	/**
	 * Records that a flash-sale admission could not become an order: the request is
	 * FAILED with the reason (so it can be polled) and the buyer gets the FAILED push.
	 * Idempotent: a request that is already completed or failed is left alone.
	 */
	@Transactional
	public void failFlashSaleOrder(long buyerId, long orgId, String requestId, String reason) {
		this.requests.insertIfAbsent(buyerId, requestId, orgId, "[]");
		if (this.requests.fail(buyerId, requestId, reason)) {
			push(new OrderStatusMessage(null, buyerId, RequestStatus.FAILED.name(), null, Instant.now(), reason,
					requestId, null), orgId);
		}
	}

	/**
	 * One order, for its buyer, a merchant of its shop or an admin of its organization;
	 * anyone else is told it does not exist.
	 */
	@Transactional(readOnly = true)
	public OrderView get(AuthenticatedUser caller, long orderId) {
		OrderView order = this.orders.find(orderId).orElseThrow(() -> OrderProblems.orderNotFound(orderId));
		boolean buyer = order.buyerId() == caller.userId();
		boolean merchant = caller.hasRole(Role.MERCHANT) && caller.shopId() != null
				&& caller.shopId() == order.shopId();
		boolean admin = caller.hasRole(Role.ADMIN) && this.orders.orgOf(orderId) == caller.orgId();
		if (!buyer && !merchant && !admin) {
			throw OrderProblems.orderNotFound(orderId);
		}
		return order;
	}

	@Transactional(readOnly = true)
	public Page<OrderView> ofBuyer(long buyerId, @Nullable OrderStatus status, int page, int size) {
		return Page.of(this.orders.findByBuyer(buyerId, status, size, (long) page * size), page, size,
				this.orders.countByBuyer(buyerId, status));
	}

	@Transactional(readOnly = true)
	public Page<OrderView> ofShop(long shopId, @Nullable OrderStatus status, int page, int size) {
		return Page.of(this.orders.findByShop(shopId, status, size, (long) page * size), page, size,
				this.orders.countByShop(shopId, status));
	}

	/**
	 * The buyer cancels an order that is not paid yet; its stock is returned.
	 */
	@Transactional
	public OrderView cancelByBuyer(AuthenticatedUser buyer, long orderId) {
		ownOrder(buyer, orderId);
		return change(orderId, EnumSet.of(OrderStatus.PENDING_PAYMENT), OrderStatus.CANCELLED,
				"订单已取消 (cancelled by you)", "cancelled by the buyer");
	}

	/**
	 * Starts paying one of the buyer's orders awaiting payment (asking again returns the
	 * same open payment). With {@link PaymentMethod#POINTS} the points are taken at once
	 * (the order's own points price, else the configured conversion of its total) and the
	 * order becomes PAID as soon as the payment's event is handled.
	 * @throws ErrorResponseException 409 {@code points-not-accepted} for points when the
	 * order has no points price and no conversion is configured
	 */
	@Transactional
	public Payment startPayment(AuthenticatedUser buyer, long orderId, PaymentMethod method) {
		OrderView order = ownOrder(buyer, orderId);
		if (order.status() != OrderStatus.PENDING_PAYMENT) {
			throw OrderProblems.illegalTransition(orderId, order.status(), OrderStatus.PAID);
		}
		PaymentRequest request = new PaymentRequest(orderId, buyer.userId(), buyer.orgId(), order.totalPrice(),
				"OrderPulse order " + order.orderNumber());
		if (method == PaymentMethod.POINTS) {
			OptionalLong price = (order.pointsPrice() != null) ? OptionalLong.of(order.pointsPrice())
					: this.points.priceOf(order.totalPrice());
			if (price.isEmpty()) {
				throw OrderProblems.pointsNotAccepted(orderId);
			}
			return this.payments.payWithPoints(request, price.getAsLong());
		}
		return this.payments.create(request, method);
	}

	/**
	 * Pays back a paid order, the whole amount or part of it: the buyer for a PAID order,
	 * a merchant of its shop for a PAID or CONFIRMED one (a rejection with refund). The
	 * payment is refunded through its method (the gateway, or the points go back), the
	 * order becomes REFUNDED, catalog stock comes back (a flash-sale order's stock comes
	 * back through {@link OrderRefunded}), and buyer and merchants are told. Refunding a
	 * refunded order again changes nothing and answers the same refund.
	 * @param amount what to pay back, null for all of it
	 * @throws ErrorResponseException 404 for anyone else's order, 409 for an order in
	 * another status, 409 {@code refund-exceeds-payment} for an amount above the payment
	 */
	@Transactional
	public OrderRefund refund(AuthenticatedUser caller, long orderId, String reason, @Nullable BigDecimal amount) {
		this.orders.lock(orderId);
		OrderView order = this.orders.find(orderId).orElseThrow(() -> OrderProblems.orderNotFound(orderId));
		boolean buyer = order.buyerId() == caller.userId();
		boolean merchant = caller.hasRole(Role.MERCHANT) && caller.shopId() != null
				&& caller.shopId() == order.shopId();
		if (!buyer && !merchant) {
			throw OrderProblems.orderNotFound(orderId);
		}
		Payment payment = this.payments.findForOrder(orderId)
			.stream()
			.filter((candidate) -> candidate.status() == PaymentStatus.PAID
					|| candidate.status() == PaymentStatus.REFUNDED && order.status() == OrderStatus.REFUNDED)
			.reduce((first, second) -> second)
			.orElse(null);
		if (order.status() == OrderStatus.REFUNDED && payment != null) {
			return new OrderRefund(order, payment);
		}
		Set<OrderStatus> refundable = merchant ? EnumSet.of(OrderStatus.PAID, OrderStatus.CONFIRMED)
				: EnumSet.of(OrderStatus.PAID);
		if (!refundable.contains(order.status()) || payment == null) {
			throw OrderProblems.illegalTransition(orderId, order.status(), OrderStatus.REFUNDED);
		}
		Payment refunded = this.payments.refund(payment.outTradeNo(), reason, amount);
		String by = buyer ? "退款成功 (refunded)" : "商家退款 (refunded by the shop)";
		OrderView changed = change(orderId, refundable, OrderStatus.REFUNDED, by + ": " + reason, reason);
		BigDecimal back = (refunded.refundedAmount() != null) ? refunded.refundedAmount() : refunded.amount();
		this.publisher.publishEvent(new OrderRefunded(orderId, changed.buyerId(), changed.shopId(), back, reason));
		alertMerchants(changed, this.orders.orgOf(orderId), 3, "订单已退款");
		return new OrderRefund(changed, refunded);
	}

	/**
	 * Payment arrived. A payment for an order that was cancelled meanwhile does not
	 * revive it.
	 * @return whether the order is now paid
	 */
	@Transactional
	public boolean markPaid(long orderId) {
		OrderView order = this.orders.find(orderId).orElseThrow(() -> OrderProblems.orderNotFound(orderId));
		if (order.status() == OrderStatus.PAID) {
			return true;
		}
		if (order.status() != OrderStatus.PENDING_PAYMENT) {
			return false;
		}
		OrderView paid = change(orderId, EnumSet.of(OrderStatus.PENDING_PAYMENT), OrderStatus.PAID, "支付成功 (paid)",
				null);
		long orgId = this.orders.orgOf(orderId);
		alertMerchants(paid, orgId, 1, "您有新的订单");
		this.publisher.publishEvent(new OrderPaid(orderId, paid.buyerId(), paid.shopId(), paid.totalPrice()));
		return true;
	}

	@Transactional
	public OrderView confirm(AuthenticatedUser merchant, long orderId) {
		shopOrder(merchant, orderId);
		return change(orderId, EnumSet.of(OrderStatus.PAID), OrderStatus.CONFIRMED, "商家已接单 (confirmed)", null);
	}

	/**
	 * The merchant rejects a paid order: it is cancelled, its stock returned and (through
	 * {@link OrderCancelled}) its payment refunded.
	 */
	@Transactional
	public OrderView reject(AuthenticatedUser merchant, long orderId, String reason) {
		shopOrder(merchant, orderId);
		return change(orderId, EnumSet.of(OrderStatus.PAID, OrderStatus.CONFIRMED), OrderStatus.CANCELLED,
				"商家拒单 (rejected): " + reason, reason);
	}

	@Transactional
	public OrderView deliver(AuthenticatedUser merchant, long orderId) {
		shopOrder(merchant, orderId);
		return change(orderId, EnumSet.of(OrderStatus.CONFIRMED), OrderStatus.DELIVERING, "配送中 (delivering)", null);
	}

	@Transactional
	public OrderView complete(AuthenticatedUser merchant, long orderId) {
		shopOrder(merchant, orderId);
		return change(orderId, EnumSet.of(OrderStatus.DELIVERING), OrderStatus.COMPLETED, "已完成 (completed)", null);
	}

	/**
	 * The buyer reminds the shop of a paid order (客户催单), at most once per reminder
	 * interval.
	 */
	@Transactional
	public void remind(AuthenticatedUser buyer, long orderId) {
		OrderView order = ownOrder(buyer, orderId);
		if (!EnumSet.of(OrderStatus.PAID, OrderStatus.CONFIRMED, OrderStatus.DELIVERING).contains(order.status())) {
			throw new ErrorResponseException(HttpStatus.CONFLICT,
					Problems.detail(HttpStatus.CONFLICT, "reminder-not-allowed", "Reminder not allowed",
							"Order " + orderId + " is " + order.status()
									+ ": only PAID, CONFIRMED or DELIVERING orders can be reminded."),
					null);
		}
		Instant now = Instant.now();
		if (!this.orders.remind(orderId, now, now.minus(this.settings.reminderInterval()))) {
			Instant last = this.orders.lastRemindedAt(orderId);
			Duration wait = (last == null) ? Duration.ZERO
					: Duration.between(now, last.plus(this.settings.reminderInterval()));
			throw Problems.tooManyRequests("reminder-too-soon", "Reminder too soon",
					"This order was reminded less than " + this.settings.reminderInterval().toMinutes()
							+ " minutes ago",
					wait);
		}
		alertMerchants(order, this.orders.orgOf(orderId), 2, "客户催单");
	}

	/**
	 * Cancels ordinary orders still unpaid after the payment timeout, as of {@code now}.
	 * Flash-sale orders have their own timeout: {@link #cancelUnpaidFlashSaleOrders}.
	 * @return how many were cancelled
	 */
	public int cancelUnpaid(Instant now) {
		return cancelUnpaid(this.orders.idsUnpaidSince(now.minus(this.settings.paymentTimeout()), true, 500));
	}

	/**
	 * Cancels flash-sale orders still unpaid after {@code timeout}, as of {@code now}, on
	 * the same path as ordinary ones: the order is CANCELLED, its open payment closed (a
	 * payment arriving later is refunded), the buyer told, and {@link OrderCancelled}
	 * returns the flash-sale stock.
	 * @return how many were cancelled
	 */
	public int cancelUnpaidFlashSaleOrders(Instant now, Duration timeout) {
		return cancelUnpaid(this.orders.idsUnpaidSince(now.minus(timeout), false, 500));
	}

	/**
	 * The order a request became, if it became one.
	 */
	@Transactional(readOnly = true)
	public Optional<Long> orderOfRequest(long buyerId, String requestId) {
		return this.requests.find(buyerId, requestId).map(OrderRequest::orderId);
	}

	private int cancelUnpaid(List<Long> orderIds) {
		int cancelled = 0;
		for (long orderId : orderIds) {
			try {
				this.transactions
					.executeWithoutResult((status) -> change(orderId, EnumSet.of(OrderStatus.PENDING_PAYMENT),
							OrderStatus.CANCELLED, "支付超时，订单已取消 (payment timed out)", "payment timed out"));
				cancelled++;
			}
			catch (ErrorResponseException ex) {
				log.debug("Order {} changed meanwhile: {}", orderId, ex.getMessage());
			}
		}
		return cancelled;
	}

	/**
	 * Cancels one order if it is still unpaid (its delayed payment-timeout message came
	 * due); an order paid or cancelled meanwhile is left alone, so a repeated call
	 * changes nothing.
	 * @return whether the order was cancelled now
	 */
	public boolean cancelIfUnpaid(long orderId) {
		try {
			this.transactions.executeWithoutResult((status) -> change(orderId, EnumSet.of(OrderStatus.PENDING_PAYMENT),
					OrderStatus.CANCELLED, "支付超时，订单已取消 (payment timed out)", "payment timed out"));
			return true;
		}
		catch (ErrorResponseException ex) {
			log.debug("Order {} is no longer unpaid: {}", orderId, ex.getMessage());
			return false;
		}
	}

	/**
	 * Completes orders delivering for longer than the auto-complete age, as of
	 * {@code now}.
	 * @return how many were completed
	 */
	public int completeDelivered(Instant now) {
		int completed = 0;
		for (long orderId : this.orders.idsInStatusSince(OrderStatus.DELIVERING,
				now.minus(this.settings.autoCompleteAfter()), 500)) {
			try {
				this.transactions.executeWithoutResult((status) -> change(orderId, EnumSet.of(OrderStatus.DELIVERING),
						OrderStatus.COMPLETED, "已完成 (completed)", null));
				completed++;
			}
			catch (ErrorResponseException ex) {
				log.debug("Order {} changed meanwhile: {}", orderId, ex.getMessage());
			}
		}
		return completed;
	}

	private OrderView change(long orderId, Set<OrderStatus> from, OrderStatus to, String message,
			@Nullable String reason) {
		OrderView order = this.orders.find(orderId).orElseThrow(() -> OrderProblems.orderNotFound(orderId));
		if (!from.contains(order.status()) || !order.status().canBecome(to)
				|| !this.orders.transition(orderId, order.status(), to, reason)) {
			throw OrderProblems.illegalTransition(orderId, order.status(), to);
		}
		OrderView changed = this.orders.find(orderId).orElseThrow();
		if ((to == OrderStatus.CANCELLED || to == OrderStatus.REFUNDED) && this.orders.tookCatalogStock(orderId)) {
			this.catalog.returnStock(changed.items()
				.stream()
				.collect(Collectors.toMap(OrderView.Item::productId, OrderView.Item::quantity)));
		}
		if (to == OrderStatus.CANCELLED) {
			this.publisher
				.publishEvent(new OrderCancelled(orderId, changed.buyerId(), changed.shopId(), String.valueOf(reason)));
		}
		push(new OrderStatusMessage(orderId, changed.buyerId(), to.name(), changed.totalPrice(), Instant.now(), message,
				changed.requestId(), changed.orderNumber()), this.orders.orgOf(orderId));
		return changed;
	}

	private void push(OrderStatusMessage message, long orgId) {
		this.events.publish(message.userId(), Destinations.ORDER_UPDATES, message);
		this.events.broadcast(orgId, Destinations.ADMIN_ORDER_UPDATES, message);
	}

	private void alertMerchants(OrderView order, long orgId, int type, String announcement) {
		Map<String, Object> alert = new LinkedHashMap<>();
		alert.put("type", type);
		alert.put("orderId", order.id());
		alert.put("content", "订单号：" + order.orderNumber());
		alert.put("orderNumber", order.orderNumber());
		alert.put("amount", order.totalPrice());
		alert.put("announcement", announcement);
		for (long merchantId : this.accounts.merchantsOf(orgId, order.shopId())) {
			this.events.publish(merchantId, Destinations.ALERTS, alert);
		}
	}

	private OrderView ownOrder(AuthenticatedUser buyer, long orderId) {
		OrderView order = this.orders.find(orderId).orElseThrow(() -> OrderProblems.orderNotFound(orderId));
		if (order.buyerId() != buyer.userId()) {
			throw OrderProblems.orderNotFound(orderId);
		}
		return order;
	}

	private OrderView shopOrder(AuthenticatedUser merchant, long orderId) {
		OrderView order = this.orders.find(orderId).orElseThrow(() -> OrderProblems.orderNotFound(orderId));
		if (merchant.shopId() == null || merchant.shopId() != order.shopId()) {
			throw OrderProblems.orderNotFound(orderId);
		}
		return order;
	}

	private OrderStatusMessage message(OrderRequest request) {
		String orderNumber = (request.orderId() != null)
				? this.orders.find(request.orderId()).map(OrderView::orderNumber).orElse(null) : null;
		return new OrderStatusMessage(request.orderId(), request.buyerId(), request.status().name(),
				request.totalPrice(), request.updatedAt(), (request.message() != null) ? request.message() : "",
				request.requestId(), orderNumber);
	}

	/**
	 * A page of results.
	 */
	public record Page<T>(List<T> items, int page, int size, long totalItems, int totalPages) {

		static <T> Page<T> of(List<T> items, int page, int size, long totalItems) {
			return new Page<>(items, page, size, totalItems, (int) ((totalItems + size - 1) / size));
		}

	}

	/**
	 * One of a buyer's order requests.
	 */
	public record RequestKey(long buyerId, String requestId) {
	}

	private record Intake(long buyerId, long orgId, String requestId, String items) {
	}

	/**
	 * What intake answers a request: its state, or the conflict of an id used for other
	 * items.
	 */
	private record Accepted(@Nullable OrderStatusMessage state, @Nullable ErrorResponseException conflict) {
	}

	/**
	 * What processing decided for a request: its order, or why it failed.
	 */
	private record Outcome(OrderRequest request, @Nullable OrderDraft order, @Nullable String reason) {

		static Outcome failed(OrderRequest request, String reason) {
			return new Outcome(request, null, reason);
		}

	}

}
