package io.orderpulse.ordering;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import io.orderpulse.identity.AuthenticatedUser;
import io.orderpulse.ordering.OrderEvents.OrderPlaced;
import io.orderpulse.ordering.OrderEvents.OrderRequested;
import io.orderpulse.ordering.internal.OrderRepository;
import io.orderpulse.ordering.internal.OrderRepository.NewOrder;
import io.orderpulse.ordering.internal.OrderRequestRepository;
import io.orderpulse.ordering.internal.OrderRequestRepository.OrderRequest;
import io.orderpulse.ordering.internal.StatusText;
import io.orderpulse.platform.database.GroupCommit;
import io.orderpulse.realtime.Destinations;
import io.orderpulse.realtime.UserEvents;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.ErrorResponseException;

/**
 * The intake of order requests: each is stored once per buyer and request id together
 * with its PENDING push, and processed into an order asynchronously (see
 * {@code internal.OrderProcessing}). Each change is stored together with the pushes it
 * causes (the realtime module stores them in the same transaction), so none is lost or
 * sent for a change that did not happen.
 */
@Service
public class OrderIntake implements DisposableBean {

	private final OrderRequestRepository requests;

	private final OrderRepository orders;

	private final UserEvents events;

	private final ApplicationEventPublisher publisher;

	private final JsonMapper json;

	private final GroupCommit<Intake, Accepted> intake;

	OrderIntake(OrderRequestRepository requests, OrderRepository orders, UserEvents events,
			ApplicationEventPublisher publisher, TransactionTemplate transactions, JsonMapper json) {
		this.requests = requests;
		this.orders = orders;
		this.events = events;
		this.publisher = publisher;
		this.json = json;
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
						RequestStatus.PENDING.name(), null, Instant.now(), StatusText.ACCEPTED.text(),
						intake.requestId(), null);
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
	 * The order a request became, if it became one.
	 */
	@Transactional(readOnly = true)
	public Optional<Long> orderOfRequest(long buyerId, String requestId) {
		return this.requests.find(buyerId, requestId).map(OrderRequest::orderId);
	}

	/**
	 * Creates the order of one unit of a fixed-price offer, at once and in the caller's
	 * transaction: awaiting payment, without taking catalog stock (the offer has its own
	 * stock, and cancelling the order returns none to the catalog; the offer's owner
	 * returns its own on {@link OrderEvents.OrderCancelled}). The request is recorded as
	 * COMPLETED, so it can be polled like any other, and the buyer gets the same
	 * PROCESSING and COMPLETED pushes. Idempotent per buyer and request id: a repeated
	 * call answers the order created before.
	 * @return the order's id
	 * @throws ErrorResponseException 409 if the request id was used otherwise
	 */
	@Transactional
	public long placeFixedPrice(long buyerId, long orgId, String requestId, FixedPriceOffer offer) {
		long shopId = offer.shopId();
		long productId = offer.productId();
		BigDecimal price = offer.price();
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
				StatusText.PROCESSING.text(), requestId, null), orgId);
		List<OrderView.Item> lines = List.of(new OrderView.Item(productId, offer.productName(), price, 1, price));
		NewOrder order = this.orders.insert(requestId, buyerId, orgId, shopId, price, lines, false,
				offer.pointsPrice());
		long orderId = order.id();
		this.requests.complete(buyerId, requestId, orderId, price, StatusText.CREATED.text());
		push(new OrderStatusMessage(orderId, buyerId, RequestStatus.COMPLETED.name(), price, Instant.now(),
				StatusText.CREATED.text(), requestId, order.orderNumber()), orgId);
		this.publisher.publishEvent(new OrderPlaced(orderId, buyerId, shopId, price, offer.paymentTimeout()));
		return orderId;
	}

	/**
	 * Records that a request could not become an order (one for a {@link #placeFixedPrice
	 * fixed-price offer} the caller gave up on): the request is FAILED with the reason
	 * (so it can be polled) and the buyer gets the FAILED push. Idempotent: a request
	 * that is already completed or failed is left alone.
	 */
	@Transactional
	public void failRequest(long buyerId, long orgId, String requestId, String reason) {
		this.requests.insertIfAbsent(buyerId, requestId, orgId, "[]");
		if (this.requests.fail(buyerId, requestId, reason)) {
			push(new OrderStatusMessage(null, buyerId, RequestStatus.FAILED.name(), null, Instant.now(), reason,
					requestId, null), orgId);
		}
	}

	private void push(OrderStatusMessage message, long orgId) {
		this.events.publish(message.userId(), Destinations.ORDER_UPDATES, message);
		this.events.broadcast(orgId, Destinations.ADMIN_ORDER_UPDATES, message);
	}

	private OrderStatusMessage message(OrderRequest request) {
		String orderNumber = (request.orderId() != null)
				? this.orders.find(request.orderId()).map(OrderView::orderNumber).orElse(null) : null;
		return new OrderStatusMessage(request.orderId(), request.buyerId(), request.status().name(),
				request.totalPrice(), request.updatedAt(), (request.message() != null) ? request.message() : "",
				request.requestId(), orderNumber);
	}

	private record Intake(long buyerId, long orgId, String requestId, String items) {
	}

	/**
	 * What intake answers a request: its state, or the conflict of an id used for other
	 * items.
	 */
	private record Accepted(@Nullable OrderStatusMessage state, @Nullable ErrorResponseException conflict) {
	}

}
