package io.orderpulse.ordering.internal;

import io.orderpulse.ordering.internal.OrderRepository.OrderDraft;
import io.orderpulse.ordering.internal.OrderRequestRepository.OrderRequest;
import org.jspecify.annotations.Nullable;

/**
 * What processing decided for a request: its order, or why it failed.
 */
record Outcome(OrderRequest request, @Nullable OrderDraft order, @Nullable String reason) {

	static Outcome failed(OrderRequest request, String reason) {
		return new Outcome(request, null, reason);
	}

}
