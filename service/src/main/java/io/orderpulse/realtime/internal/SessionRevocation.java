package io.orderpulse.realtime.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.orderpulse.identity.AccessTokens;
import io.orderpulse.identity.AuthenticatedUser;
import io.orderpulse.identity.UserAccessRevoked;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.NestedExceptionUtils;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.web.socket.CloseStatus;

/**
 * Closes this node's live sessions whose token a revocation ended: an ERROR frame
 * {@code Session revoked} (code {@code token-revoked}), then the close. At once on
 * {@link UserAccessRevoked}, which comes after the revocation committed on the node that
 * made it, and from the identity module's cluster bus on every other node (outside a
 * transaction, hence {@code fallbackExecution}). A CONNECT racing with a revocation
 * checks its token again once registered ({@link StompGateway}), so no session slips
 * through.
 * <p>
 * The cluster bus is Redis pub/sub, at most once: a node that misses a message would keep
 * the user's sockets open (a socket's token is checked only at CONNECT). So every
 * {@code orderpulse.realtime.revocation-check-interval} each node checks the tokens of
 * all its live sessions against the database ({@link AccessTokens#revokedAmong}), once
 * per distinct token rather than per session or frame: a few indexed queries for tens of
 * thousands of sessions.
 */
@Component
class SessionRevocation {

	private static final Logger log = LoggerFactory.getLogger(SessionRevocation.class);

	private final LocalDelivery delivery;

	private final AccessTokens tokens;

	private final RealtimeMetrics metrics;

	SessionRevocation(LocalDelivery delivery, AccessTokens tokens, RealtimeMetrics metrics) {
		this.delivery = delivery;
		this.tokens = tokens;
		this.metrics = metrics;
	}

	@TransactionalEventListener(fallbackExecution = true)
	void on(UserAccessRevoked revoked) {
		for (GatewaySession session : this.delivery.sessionsOf(revoked.userId())) {
			AuthenticatedUser user = session.user;
			if (user != null && revoked.covers(user.sessionId())) {
				close(session, user);
			}
		}
	}

	/**
	 * Closes the live sessions whose token is no longer current, whether or not this node
	 * heard of the revocation.
	 * @return how many sessions were closed
	 */
	@Scheduled(fixedDelayString = "${orderpulse.realtime.revocation-check-interval:30s}",
			initialDelayString = "${orderpulse.realtime.revocation-check-interval:30s}")
	int recheck() {
		Map<AuthenticatedUser, List<GatewaySession>> holders = new HashMap<>();
		for (GatewaySession session : this.delivery.allSessions()) {
			AuthenticatedUser user = session.user;
			if (user != null && session.state != GatewaySession.State.CLOSING) {
				holders.computeIfAbsent(user, (key) -> new ArrayList<>(1)).add(session);
			}
		}
		if (holders.isEmpty()) {
			return 0;
		}
		Set<AuthenticatedUser> revoked;
		try {
			revoked = this.tokens.revokedAmong(holders.keySet());
		}
		catch (RuntimeException ex) {
			log.warn("Re-checking the tokens of {} live sessions failed ({}); trying again at the next interval",
					holders.size(), NestedExceptionUtils.getMostSpecificCause(ex).toString());
			return 0;
		}
		int closed = 0;
		for (AuthenticatedUser user : revoked) {
			for (GatewaySession session : holders.getOrDefault(user, List.of())) {
				closed += close(session, user) ? 1 : 0;
			}
		}
		if (closed > 0) {
			log.info("Closed {} live sessions whose access the periodic check found revoked (a revocation "
					+ "message this node missed, or one still on its way)", closed);
		}
		return closed;
	}

	private boolean close(GatewaySession session, AuthenticatedUser user) {
		// the event and the re-check may meet on one session: one of them closes it
		synchronized (session) {
			if (session.state == GatewaySession.State.CLOSING) {
				return false;
			}
			session.state = GatewaySession.State.CLOSING;
		}
		log.debug("Closing session {} of user {}: access revoked", session.id(), user.userId());
		this.metrics.refused("token-revoked");
		this.delivery.unregister(session);
		if (session.outbox.offer(StompFrames.revoked())) {
			session.outbox.closeWhenDrained(CloseStatus.POLICY_VIOLATION);
		}
		else {
			this.delivery.disconnect(session, "session revoked");
		}
		return true;
	}

}
