package io.orderpulse.identity.internal;

import io.orderpulse.identity.UserAccessRevoked;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Once a revocation is committed, this node forgets the cached state of the user or
 * session, and in cluster mode the other nodes are told ({@link RevocationBus}), which
 * forget theirs and publish the event to their own listeners (the gateway closing the
 * user's live sessions). Only events published in a transaction are propagated: the
 * copies the bus publishes on the other nodes come outside one and are not sent around
 * again.
 */
@Component
class RevocationPropagation {

	private final AccessRevocations revocations;

	private final ObjectProvider<RevocationBus> bus;

	RevocationPropagation(AccessRevocations revocations, ObjectProvider<RevocationBus> bus) {
		this.revocations = revocations;
		this.bus = bus;
	}

	/**
	 * Runs before any other module's listener, so that a check made while those close
	 * sessions reads the new state.
	 */
	@TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
	@Order(Ordered.HIGHEST_PRECEDENCE)
	void on(UserAccessRevoked revoked) {
		this.revocations.forget(revoked);
		this.bus.ifAvailable((other) -> other.publish(revoked));
	}

}
