package io.orderpulse.realtime.internal;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.orderpulse.identity.AuthenticatedUser;
import io.orderpulse.realtime.UserEvent;
import org.jspecify.annotations.Nullable;

import org.springframework.messaging.simp.stomp.BufferingStompDecoder;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompDecoder;
import org.springframework.util.MultiValueMap;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;

/**
 * One client connection: its user once CONNECT succeeded, its subscriptions, its outbox
 * and the timestamps the heart-beat monitor checks.
 */
final class GatewaySession {

	enum State {

		AWAITING_CONNECT, CONNECTED, CLOSING

	}

	final WebSocketSession socket;

	final Outbox outbox;

	final BufferingStompDecoder decoder;

	final long openedNanos = System.nanoTime();

	final Map<String, Subscription> subscriptions = new ConcurrentHashMap<>(4);

	volatile State state = State.AWAITING_CONNECT;

	volatile @Nullable AuthenticatedUser user;

	volatile @Nullable UserStream stream;

	volatile long lastReadNanos = System.nanoTime();

	/** Interval of the server's heart-beats to the client, 0 for none. */
	volatile long outgoingHeartbeatMillis;

	/** Interval the client promised to send within, 0 for none. */
	volatile long incomingHeartbeatMillis;

	/**
	 * MESSAGE frames sent with an {@code ack} header that no ACK or NACK answered yet (at
	 * most): as many ACK/NACK frames are exempt from the inbound rate, since a client
	 * that acknowledges each event of a fast stream or of a long replay must not be
	 * disconnected for it, while a flood of made-up acknowledgements still is.
	 */
	private final AtomicLong unansweredAckFrames = new AtomicLong();

	// inbound frames are handled one message at a time per session, so no synchronization
	private long rateWindowStart;

	private int framesInWindow;

	GatewaySession(WebSocketSession socket, Outbox outbox, int maxFrameSize) {
		this.socket = socket;
		this.outbox = outbox;
		this.decoder = new BufferingStompDecoder(new StompDecoder(), maxFrameSize);
	}

	String id() {
		return this.socket.getId();
	}

	AuthenticatedUser requireUser() {
		AuthenticatedUser current = this.user;
		if (current == null) {
			throw new IllegalStateException("session " + id() + " is not connected");
		}
		return current;
	}

	/**
	 * Counts one inbound frame in a one-second window.
	 * @return false if the session went over its rate
	 */
	/** Notes a MESSAGE frame with an {@code ack} header written to the client. */
	void ackFrameSent() {
		this.unansweredAckFrames.incrementAndGet();
	}

	/**
	 * Takes an ACK or NACK off the frames waiting for one.
	 * @return false if none was waiting (the frame then counts against the rate)
	 */
	boolean answerAckFrame() {
		return this.unansweredAckFrames.getAndUpdate((n) -> (n > 0) ? n - 1 : 0) > 0;
	}

	boolean countFrame(int maxPerSecond) {
		long now = System.nanoTime();
		if (now - this.rateWindowStart >= 1_000_000_000L) {
			this.rateWindowStart = now;
			this.framesInWindow = 0;
		}
		return ++this.framesInWindow <= maxPerSecond;
	}

	/**
	 * The MESSAGE frame of a stored user event on a subscription.
	 */
	static TextMessage eventFrame(Subscription subscription, UserEvent event) {
		String eventId = event.eventId().toString();
		MultiValueMap<String, String> headers = StompFrames.headers("destination", subscription.destination,
				"subscription", subscription.id, "message-id", eventId, "content-type", "application/json", "x-seq",
				Long.toString(event.seq()), "x-event-id", eventId);
		if (subscription.ack == Subscription.Ack.CLIENT_INDIVIDUAL) {
			headers.add("ack", eventId);
		}
		return StompFrames.frame(StompCommand.MESSAGE, headers, event.payload().getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * The MESSAGE frame of a broadcast on a subscription.
	 */
	static TextMessage broadcastFrame(Subscription subscription, String eventId, byte[] payload) {
		return StompFrames.frame(StompCommand.MESSAGE,
				StompFrames.headers("destination", subscription.destination, "subscription", subscription.id,
						"message-id", eventId, "content-type", "application/json", "x-event-id", eventId),
				payload);
	}

}
