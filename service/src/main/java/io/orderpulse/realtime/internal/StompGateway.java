package io.orderpulse.realtime.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.orderpulse.identity.AccessTokens;
import io.orderpulse.identity.AuthenticatedUser;
import io.orderpulse.identity.Role;
import io.orderpulse.identity.TokenRevoked;
import io.orderpulse.realtime.ClientCommandHandler;
import io.orderpulse.realtime.Destinations;
import jakarta.annotation.PreDestroy;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.messaging.Message;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.MessageHeaderAccessor;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.SubProtocolCapable;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.AbstractWebSocketHandler;

/**
 * The STOMP 1.2 server. Frames are parsed with Spring's {@code StompDecoder}; everything
 * after that is this class: authentication on CONNECT, authorization of SUBSCRIBE and
 * SEND, resume, acknowledgements, heart-beats and limits. Spring's own broker path is not
 * used: it finds a user's sessions by scanning every subscription and cannot replay
 * stored events.
 */
@Component
class StompGateway extends AbstractWebSocketHandler implements SubProtocolCapable {

	private static final Logger log = LoggerFactory.getLogger(StompGateway.class);

	/** Topics and the roles that may subscribe (none listed: any authenticated user). */
	private static final Map<String, Set<Role>> TOPICS = Map.of(Destinations.ANNOUNCEMENTS, Set.of(),
			Destinations.FLASH_SALES, Set.of(), Destinations.ADMIN_ORDER_UPDATES, Set.of(Role.ADMIN),
			Destinations.PRESENCE, Set.of(Role.ADMIN));

	private final AccessTokens tokens;

	private final LocalDelivery delivery;

	private final DeliveryTracker tracker;

	private final RealtimeSettings settings;

	private final RealtimeMetrics metrics;

	private final Map<String, ClientCommandHandler> commands;

	private final Map<String, GatewaySession> sessions = new ConcurrentHashMap<>();

	private final ExecutorService writers = Executors.newVirtualThreadPerTaskExecutor();

	StompGateway(AccessTokens tokens, LocalDelivery delivery, DeliveryTracker tracker, RealtimeSettings settings,
			RealtimeMetrics metrics, List<ClientCommandHandler> commands) {
		this.tokens = tokens;
		this.delivery = delivery;
		this.tracker = tracker;
		this.settings = settings;
		this.metrics = metrics;
		this.commands = commands.stream()
			.collect(Collectors.toUnmodifiableMap(ClientCommandHandler::destination, Function.identity()));
		metrics.sessions(this.sessions::size);
	}

	@PreDestroy
	void stop() {
		this.writers.shutdownNow();
	}

	@Override
	public List<String> getSubProtocols() {
		return List.of("v12.stomp", "v11.stomp", "v10.stomp");
	}

	@Override
	public void afterConnectionEstablished(WebSocketSession socket) {
		Outbox outbox = new Outbox(socket, this.writers, this.settings.sendBufferLimit().toBytes());
		this.sessions.put(socket.getId(),
				new GatewaySession(socket, outbox, (int) this.settings.maxFrameSize().toBytes()));
	}

	@Override
	public void afterConnectionClosed(WebSocketSession socket, CloseStatus status) {
		GatewaySession session = this.sessions.remove(socket.getId());
		if (session != null) {
			session.state = GatewaySession.State.CLOSING;
			this.delivery.unregister(session);
		}
	}

	@Override
	public void handleTransportError(WebSocketSession socket, Throwable exception) {
		log.debug("Transport error on session {}: {}", socket.getId(), exception.toString());
	}

	@Override
	protected void handleTextMessage(WebSocketSession socket, TextMessage message) {
		receive(socket, message.asBytes());
	}

	@Override
	protected void handleBinaryMessage(WebSocketSession socket, BinaryMessage message) {
		ByteBuffer payload = message.getPayload();
		byte[] bytes = new byte[payload.remaining()];
		payload.get(bytes);
		receive(socket, bytes);
	}

	private void receive(WebSocketSession socket, byte[] bytes) {
		GatewaySession session = this.sessions.get(socket.getId());
		if (session == null || session.state == GatewaySession.State.CLOSING) {
			return;
		}
		session.lastReadNanos = System.nanoTime();
		if (bytes.length > this.settings.maxFrameSize().toBytes()) {
			refuse(session, "frame-too-large", "Frame too large",
					"Frames may be at most " + this.settings.maxFrameSize().toBytes() + " bytes.");
			return;
		}
		List<Message<byte[]>> frames;
		try {
			frames = session.decoder.decode(ByteBuffer.wrap(bytes));
		}
		catch (RuntimeException ex) {
			refuse(session, "malformed-frame", "Malformed frame", "The frame is not valid STOMP: " + ex.getMessage());
			return;
		}
		if (leftIncomplete(session, bytes)) {
			return;
		}
		for (Message<byte[]> frame : frames) {
			if (session.state == GatewaySession.State.CLOSING) {
				return;
			}
			StompHeaderAccessor headers = MessageHeaderAccessor.getAccessor(frame, StompHeaderAccessor.class);
			if (headers == null || headers.getMessageType() == SimpMessageType.HEARTBEAT) {
				continue;
			}
			boolean answer = (headers.getCommand() == StompCommand.ACK || headers.getCommand() == StompCommand.NACK)
					&& session.answerAckFrame();
			if (!answer && !session.countFrame(this.settings.maxInboundFramesPerSecond())) {
				refuse(session, "rate-limited", "Too many frames",
						"At most " + this.settings.maxInboundFramesPerSecond() + " frames per second are allowed.");
				return;
			}
			if (!StompFrames.validContentLength(headers.getFirstNativeHeader("content-length"))) {
				refuse(session, "malformed-frame", "Malformed content-length header",
						"The content-length header must be the body's length in bytes, a non-negative integer.");
				return;
			}
			try {
				handle(session, headers, frame.getPayload());
			}
			catch (RuntimeException ex) {
				log.warn("Handling a {} frame on session {} failed", headers.getCommand(), session.id(), ex);
				refuse(session, "server-error", "Server error", "The frame could not be processed.");
			}
		}
	}

	/**
	 * The decoder keeps an incomplete frame for the next message. That is fine for a
	 * frame split across messages, but a kept part that already holds its terminating NUL
	 * could not be parsed (garbage), and a declared content-length over the limit will
	 * never be accepted.
	 * @return true if the session was refused
	 */
	private boolean leftIncomplete(GatewaySession session, byte[] bytes) {
		int buffered = session.decoder.getBufferSize();
		if (buffered == 0) {
			return false;
		}
		Integer expected = session.decoder.getExpectedContentLength();
		if (expected != null) {
			if (expected > this.settings.maxFrameSize().toBytes()) {
				refuse(session, "frame-too-large", "Frame too large",
						"Frames may be at most " + this.settings.maxFrameSize().toBytes() + " bytes.");
				return true;
			}
			return false;
		}
		for (int i = Math.max(0, bytes.length - buffered); i < bytes.length; i++) {
			if (bytes[i] == 0) {
				refuse(session, "malformed-frame", "Malformed frame", "The frame is not valid STOMP.");
				return true;
			}
		}
		return false;
	}

	private void handle(GatewaySession session, StompHeaderAccessor headers, byte[] body) {
		StompCommand command = headers.getCommand();
		if (command == null) {
			refuse(session, "malformed-frame", "Malformed frame", "Missing command.");
			return;
		}
		if (session.state == GatewaySession.State.AWAITING_CONNECT) {
			if (command == StompCommand.CONNECT || command == StompCommand.STOMP) {
				connect(session, headers);
			}
			else {
				refuse(session, "not-connected", "Not connected", "Send CONNECT first.");
			}
			return;
		}
		boolean handled = switch (command) {
			case SUBSCRIBE -> {
				// answers its own receipt, ahead of any replayed event
				subscribe(session, headers);
				yield false;
			}
			case UNSUBSCRIBE -> unsubscribe(session, headers);
			case SEND -> send(session, headers, body);
			case ACK -> acknowledge(session, headers);
			case NACK -> true; // a NACKed event stays unacknowledged and is redelivered
								// on resume
			case DISCONNECT -> {
				receipt(session, headers);
				session.state = GatewaySession.State.CLOSING;
				session.outbox.closeWhenDrained(CloseStatus.NORMAL);
				yield false;
			}
			case CONNECT, STOMP ->
				refuse(session, "already-connected", "Already connected", "This session is already connected.");
			default ->
				refuse(session, "unexpected-frame", "Unexpected frame", "Clients may not send " + command + " frames.");
		};
		if (handled) {
			receipt(session, headers);
		}
	}

	private void connect(GatewaySession session, StompHeaderAccessor headers) {
		String authorization = headers.getFirstNativeHeader("Authorization");
		if (authorization == null) {
			authorization = headers.getFirstNativeHeader("authorization");
		}
		if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
			refuse(session, "authentication-required", "Authentication required",
					"Send the header 'Authorization: Bearer <access token>' with CONNECT.");
			return;
		}
		String token = authorization.substring(7).strip();
		AuthenticatedUser user;
		try {
			user = this.tokens.verify(token);
		}
		catch (TokenRevoked ex) {
			refuseRevoked(session);
			return;
		}
		catch (JwtException ex) {
			boolean expired = String.valueOf(ex.getMessage()).toLowerCase().contains("expired");
			refuse(session, expired ? "token-expired" : "invalid-token",
					expired ? "Access token expired" : "Invalid access token",
					expired ? "The access token has expired: log in again."
							: "The access token is malformed or its signature is not valid.");
			return;
		}
		long[] heartbeat = StompFrames.heartbeat(headers.getFirstNativeHeader("heart-beat"));
		if (heartbeat == null) {
			refuse(session, "malformed-frame", "Malformed heart-beat header",
					"The heart-beat header must be two non-negative integers of milliseconds separated by a comma, "
							+ "such as heart-beat:10000,10000.");
			return;
		}
		session.user = user;
		long server = this.settings.heartbeat().toMillis();
		session.outgoingHeartbeatMillis = (server > 0 && heartbeat[1] > 0) ? Math.max(server, heartbeat[1]) : 0;
		session.incomingHeartbeatMillis = (server > 0 && heartbeat[0] > 0) ? Math.max(server, heartbeat[0]) : 0;
		if (!this.delivery.register(session)) {
			session.user = null;
			refuse(session, "too-many-sessions", "Too many sessions",
					"A user may have at most " + this.settings.maxSessionsPerUser() + " open sessions.");
			return;
		}
		if (!stillCurrent(token)) {
			// revoked while connecting: the revocation may have visited this node's
			// sessions before this one was registered
			this.delivery.unregister(session);
			refuseRevoked(session);
			return;
		}
		session.state = GatewaySession.State.CONNECTED;
		Set<String> versions = headers.getAcceptVersion();
		String version = (versions.isEmpty() || versions.contains("1.2")) ? "1.2"
				: versions.contains("1.1") ? "1.1" : "1.0";
		session.outbox
			.offer(StompFrames.frame(
					StompCommand.CONNECTED, StompFrames.headers("version", version, "heart-beat", server + "," + server,
							"server", "OrderPulse", "session", session.id(), "user-name", user.getName()),
					new byte[0]));
	}

	private boolean subscribe(GatewaySession session, StompHeaderAccessor headers) {
		String id = headers.getSubscriptionId();
		String destination = headers.getDestination();
		if (id == null || destination == null) {
			return refuse(session, "malformed-frame", "Malformed frame", "SUBSCRIBE needs 'id' and 'destination'.");
		}
		if (session.subscriptions.containsKey(id)) {
			return refuse(session, "duplicate-subscription", "Duplicate subscription",
					"Subscription id '" + id + "' is already in use.");
		}
		if (session.subscriptions.size() >= this.settings.maxSubscriptionsPerSession()) {
			return refuse(session, "too-many-subscriptions", "Too many subscriptions",
					"A session may hold at most " + this.settings.maxSubscriptionsPerSession() + " subscriptions.");
		}
		AuthenticatedUser user = session.requireUser();
		boolean userQueue = Destinations.isUserQueue(destination);
		if (!userQueue) {
			if (!TOPICS.containsKey(destination)) {
				return refuse(session, "unknown-destination", "Unknown destination",
						"There is no destination '" + destination + "' to subscribe to.");
			}
			Set<Role> allowed = TOPICS.get(destination);
			if (!allowed.isEmpty() && allowed.stream().noneMatch(user::hasRole)) {
				return refuse(session, "forbidden", "Forbidden",
						"Subscribing to " + destination + " needs role " + allowed + ".");
			}
		}
		String ackHeader = headers.getFirstNativeHeader("ack");
		Subscription.Ack ack;
		if (ackHeader == null || ackHeader.equals("auto")) {
			ack = Subscription.Ack.AUTO;
		}
		else if (ackHeader.equals("client-individual") || ackHeader.equals("client")) {
			ack = Subscription.Ack.CLIENT_INDIVIDUAL;
		}
		else {
			return refuse(session, "malformed-frame", "Malformed frame",
					"ack must be auto, client or client-individual.");
		}
		String resumeHeader = headers.getFirstNativeHeader("x-resume-after");
		Long resumeAfter = null;
		if (resumeHeader != null && userQueue) {
			try {
				resumeAfter = Long.parseLong(resumeHeader.strip());
			}
			catch (NumberFormatException ex) {
				resumeAfter = -1L;
			}
			if (resumeAfter < 0) {
				return refuse(session, "malformed-frame", "Malformed frame",
						"x-resume-after must be a sequence number (a non-negative integer).");
			}
		}
		Subscription subscription = new Subscription(id, destination, ack, userQueue,
				(resumeAfter != null) ? resumeAfter : 0, resumeAfter != null);
		this.delivery.subscribe(session, subscription);
		receipt(session, headers);
		if (resumeAfter != null) {
			long position = resumeAfter;
			this.writers.execute(() -> this.delivery.replay(session, subscription, position));
		}
		return true;
	}

	private boolean unsubscribe(GatewaySession session, StompHeaderAccessor headers) {
		String id = headers.getSubscriptionId();
		if (id == null) {
			return refuse(session, "malformed-frame", "Malformed frame", "UNSUBSCRIBE needs 'id'.");
		}
		this.delivery.unsubscribe(session, id);
		return true;
	}

	private boolean send(GatewaySession session, StompHeaderAccessor headers, byte[] body) {
		String destination = headers.getDestination();
		ClientCommandHandler handler = (destination != null) ? this.commands.get(destination) : null;
		if (handler == null) {
			return refuse(session, "unknown-destination", "Unknown destination",
					"There is no handler for SEND to '" + destination + "'.");
		}
		try {
			handler.handle(session.requireUser(), new String(body, StandardCharsets.UTF_8));
		}
		catch (IllegalArgumentException | IllegalStateException ex) {
			return refuse(session, "command-refused", "Command refused", String.valueOf(ex.getMessage()));
		}
		return true;
	}

	private boolean acknowledge(GatewaySession session, StompHeaderAccessor headers) {
		String id = headers.getFirstNativeHeader("id");
		if (id == null) {
			id = headers.getFirstNativeHeader("message-id");
		}
		UUID eventId;
		try {
			eventId = UUID.fromString(String.valueOf(id));
		}
		catch (IllegalArgumentException ex) {
			return refuse(session, "malformed-frame", "Malformed frame",
					"ACK needs the 'id' of a MESSAGE's ack header.");
		}
		this.tracker.acknowledged(session.requireUser().userId(), eventId);
		this.metrics.acknowledged();
		return true;
	}

	private void receipt(GatewaySession session, StompHeaderAccessor headers) {
		String receipt = headers.getReceipt();
		if (receipt != null) {
			session.outbox.offer(StompFrames.receipt(receipt));
		}
	}

	private boolean stillCurrent(String token) {
		try {
			this.tokens.verify(token);
			return true;
		}
		catch (JwtException ex) {
			return false;
		}
	}

	private void refuseRevoked(GatewaySession session) {
		this.metrics.refused("token-revoked");
		session.state = GatewaySession.State.CLOSING;
		session.outbox.offer(StompFrames.revoked());
		session.outbox.closeWhenDrained(CloseStatus.POLICY_VIOLATION);
	}

	/**
	 * Answers with an ERROR frame and closes the connection once it is written.
	 * @return false, so callers can {@code return refuse(...)} from a frame handler
	 */
	private boolean refuse(GatewaySession session, String reason, String message, String detail) {
		this.metrics.refused(reason);
		log.debug("Refusing session {}: {} ({})", session.id(), message, detail);
		session.state = GatewaySession.State.CLOSING;
		session.outbox.offer(StompFrames.error(message, detail));
		session.outbox.closeWhenDrained(
				reason.equals("malformed-frame") ? CloseStatus.PROTOCOL_ERROR : CloseStatus.POLICY_VIOLATION);
		return false;
	}

	/**
	 * Closes sessions that never sent CONNECT, clients that went silent for twice their
	 * heart-beat interval, and writes blocked past the send time limit; sends the
	 * server's heart-beats when nothing else was written.
	 */
	@Scheduled(fixedDelay = 250)
	void sweep() {
		long now = System.nanoTime();
		long connectTimeout = this.settings.connectTimeout().toNanos();
		long sendTimeLimit = this.settings.sendTimeLimit().toNanos();
		for (GatewaySession session : this.sessions.values()) {
			if (session.state == GatewaySession.State.CLOSING) {
				continue;
			}
			long blockedSince = session.outbox.writeBlockedSince();
			if (blockedSince != 0 && now - blockedSince > sendTimeLimit) {
				this.delivery.slowConsumer(session);
				continue;
			}
			if (session.state == GatewaySession.State.AWAITING_CONNECT) {
				if (now - session.openedNanos > connectTimeout) {
					this.metrics.refused("connect-timeout");
					this.delivery.disconnect(session, "no CONNECT frame");
				}
				continue;
			}
			long incoming = session.incomingHeartbeatMillis;
			if (incoming > 0 && now - session.lastReadNanos > 2 * incoming * 1_000_000L) {
				log.debug("Closing session {}: no frame or heart-beat for {} ms", session.id(), 2 * incoming);
				this.metrics.refused("heartbeat-timeout");
				this.delivery.disconnect(session, "heart-beat timeout");
				continue;
			}
			long outgoing = session.outgoingHeartbeatMillis;
			if (outgoing > 0 && now - session.outbox.lastWriteNanos() >= outgoing * 1_000_000L) {
				session.outbox.offer(StompFrames.HEARTBEAT);
			}
		}
	}

}
