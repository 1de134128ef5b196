package io.orderpulse.ordering.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.orderpulse.ordering.OrderEvents.OrderPlaced;
import io.orderpulse.ordering.OrderStatusMessage;
import io.orderpulse.ordering.RequestStatus;
import io.orderpulse.ordering.internal.OrderRepository.NewOrder;
import io.orderpulse.ordering.internal.OrderRequestRepository.OrderRequest;
import io.orderpulse.realtime.Destinations;
import io.orderpulse.realtime.UserEvents;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Stores and tells what {@link OrderProcessing} decided for a batch of requests, in the
 * batch's transaction.
 */
@Component
class ProcessingOutcomes {

	private final OrderRequestRepository requests;

	private final UserEvents events;

	private final ApplicationEventPublisher publisher;

	private final OrderingSettings settings;

	ProcessingOutcomes(OrderRequestRepository requests, UserEvents events, ApplicationEventPublisher publisher,
			OrderingSettings settings) {
		this.requests = requests;
		this.events = events;
		this.publisher = publisher;
		this.settings = settings;
	}

	/**
	 * Stores the batch's outcomes on the requests (one statement for the completed, one
	 * for the failed) and pushes PROCESSING and then the outcome of each, in the batch's
	 * order; each order created is {@link OrderPlaced}.
	 * @param created the orders created, in the order of the outcomes that have one
	 */
	void record(List<Outcome> outcomes, List<NewOrder> created) {
		List<UserEvents.Publication> pushes = new ArrayList<>(outcomes.size() * 2);
		List<Outcome> completed = new ArrayList<>(created.size());
		List<Outcome> failed = new ArrayList<>();
		int next = 0;
		for (Outcome outcome : outcomes) {
			OrderRequest request = outcome.request();
			List<OrderStatusMessage> steps = new ArrayList<>(2);
			steps.add(new OrderStatusMessage(null, request.buyerId(), RequestStatus.PROCESSING.name(), null,
					Instant.now(), StatusText.PROCESSING.text(), request.requestId(), null));
			if (outcome.order() != null) {
				NewOrder order = created.get(next++);
				completed.add(outcome);
				steps.add(new OrderStatusMessage(order.id(), request.buyerId(), RequestStatus.COMPLETED.name(),
						outcome.order().total(), Instant.now(), StatusText.CREATED.text(), request.requestId(),
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
					StatusText.CREATED.text());
		}
		if (!failed.isEmpty()) {
			this.requests.failAll(failed.stream().mapToLong((outcome) -> outcome.request().buyerId()).toArray(),
					failed.stream().map((outcome) -> outcome.request().requestId()).toArray(String[]::new),
					failed.stream().map(Outcome::reason).toArray(String[]::new));
		}
		this.events.publishAll(pushes);
	}

}
