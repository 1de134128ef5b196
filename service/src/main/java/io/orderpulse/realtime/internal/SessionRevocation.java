package io.orderpulse.realtime.internal;

import io.orderpulse.identity.AuthenticatedUser;
import io.orderpulse.identity.UserAccessRevoked;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.web.socket.CloseStatus;

/**
 * Closes this node's live sessions whose token a revocation ended, at once: an ERROR
 * frame {@code Session revoked} (code {@code token-revoked}), then the close. The event
 * comes after the revocation committed on the node that made it, and from the identity
 * module's cluster bus on every other node (outside a transaction, hence
 * {@code fallbackExecution}). A CONNECT racing with a revocation checks its token again
 * once registered ({@link StompGateway}), so no session slips through.
 */
@Component
class SessionRevocation {

	private static final Logger log = LoggerFactory.getLogger(SessionRevocation.class);

	private final LocalDelivery delivery;

	private final RealtimeMetrics metrics;

	SessionRevocation(LocalDelivery delivery, RealtimeMetrics metrics) {
		this.delivery = delivery;
		this.metrics = metrics;
	}

	void recheck() {
	}

	@TransactionalEventListener(fallbackExecution = true)
	void on(UserAccessRevoked revoked) {
		for (GatewaySession session : this.delivery.sessionsOf(revoked.userId())) {
			AuthenticatedUser user = session.user;
			if (user == null || !revoked.covers(user.sessionId()) || session.state == GatewaySession.State.CLOSING) {
				continue;
			}
			log.debug("Closing session {} of user {}: access revoked", session.id(), revoked.userId());
			this.metrics.refused("token-revoked");
			session.state = GatewaySession.State.CLOSING;
			this.delivery.unregister(session);
			if (session.outbox.offer(StompFrames.revoked())) {
				session.outbox.closeWhenDrained(CloseStatus.POLICY_VIOLATION);
			}
			else {
				this.delivery.disconnect(session, "session revoked");
			}
		}
	}

}
