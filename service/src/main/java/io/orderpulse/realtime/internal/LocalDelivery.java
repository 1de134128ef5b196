package io.orderpulse.realtime.internal;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.orderpulse.identity.AuthenticatedUser;
import io.orderpulse.realtime.Destinations;
import io.orderpulse.realtime.UserEvent;
import jakarta.annotation.PreDestroy;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;

/**
 * This node's sessions, indexed by user (for per-user events) and by organization (for
 * topics), and the delivery of events to them: per-user events strictly in sequence
 * order, resumes that replay stored events and then switch to live ones without gap or
 * duplicate, and broadcasts. Looking a user up is one hash lookup, not a scan of every
 * subscription.
 */
@Component
public class LocalDelivery {

	private static final Logger log = LoggerFactory.getLogger(LocalDelivery.class);

	/**
	 * Live events held for one subscription while it replays; past this the session
	 * resumes anew.
	 */
	private static final int MAX_HELD = 10_000;

	private final EventStore store;

	private final DeliveryTracker tracker;

	private final RealtimeMetrics metrics;

	private final RealtimeSettings settings;

	private final ConcurrentHashMap<Long, UserStream> streams = new ConcurrentHashMap<>();

	private final ConcurrentHashMap<Long, Set<GatewaySession>> organizations = new ConcurrentHashMap<>();

	/**
	 * Topic subscriptions by organization and destination, so a broadcast visits its
	 * subscribers only (an admin topic's few admins, not every session of the
	 * organization).
	 */
	private final ConcurrentHashMap<TopicKey, Set<TopicSubscriber>> topics = new ConcurrentHashMap<>();

	private final ExecutorService background = Executors.newVirtualThreadPerTaskExecutor();

	private volatile @Nullable PresenceListener presenceListener;

	LocalDelivery(EventStore store, DeliveryTracker tracker, RealtimeMetrics metrics, RealtimeSettings settings) {
		this.store = store;
		this.tracker = tracker;
		this.metrics = metrics;
		this.settings = settings;
	}

	@PreDestroy
	void stop() {
		this.background.shutdownNow();
	}

	/**
	 * Adds a connected session to its user's stream.
	 * @return false if the user already has the maximum number of sessions on this node
	 */
	boolean register(GatewaySession session) {
		AuthenticatedUser user = session.requireUser();
		boolean[] outcome = new boolean[2];
		UserStream stream = this.streams.compute(user.userId(), (id, existing) -> {
			UserStream current = (existing != null) ? existing : new UserStream(id, this.store.lastSeq(id));
			if (current.sessions.size() >= this.settings.maxSessionsPerUser()) {
				return existing;
			}
			current.sessions.add(session);
			outcome[0] = true;
			outcome[1] = current.sessions.size() == 1;
			return current;
		});
		if (!outcome[0]) {
			return false;
		}
		session.stream = stream;
		this.organizations.computeIfAbsent(user.orgId(), (id) -> ConcurrentHashMap.newKeySet()).add(session);
		PresenceListener listener = this.presenceListener;
		if (listener != null) {
			listener.sessionsChanged(user);
		}
		else if (outcome[1]) {
			presenceChanged(user, "ONLINE", 1);
		}
		return true;
	}

	void unregister(GatewaySession session) {
		AuthenticatedUser user = session.user;
		if (user == null || session.stream == null) {
			return;
		}
		int[] remaining = { -1 };
		this.streams.computeIfPresent(user.userId(), (id, stream) -> {
			if (!stream.sessions.remove(session)) {
				return stream;
			}
			remaining[0] = stream.sessions.size();
			return stream.sessions.isEmpty() ? null : stream;
		});
		this.organizations.computeIfPresent(user.orgId(), (id, sessions) -> {
			sessions.remove(session);
			return sessions.isEmpty() ? null : sessions;
		});
		for (Subscription subscription : session.subscriptions.values()) {
			if (!subscription.userQueue) {
				removeTopicSubscriber(new TopicKey(user.orgId(), subscription.destination),
						new TopicSubscriber(session, subscription));
			}
		}
		PresenceListener listener = this.presenceListener;
		if (listener != null) {
			if (remaining[0] >= 0) {
				listener.sessionsChanged(user);
			}
		}
		else if (remaining[0] == 0) {
			presenceChanged(user, "OFFLINE", 0);
		}
	}

	/**
	 * Adds a subscription to a session. A resuming one holds live events until its replay
	 * is done.
	 */
	void subscribe(GatewaySession session, Subscription subscription) {
		UserStream stream = session.stream;
		if (subscription.userQueue && stream != null) {
			synchronized (stream) {
				session.subscriptions.put(subscription.id, subscription);
			}
		}
		else {
			session.subscriptions.put(subscription.id, subscription);
			AuthenticatedUser user = session.requireUser();
			this.topics
				.computeIfAbsent(new TopicKey(user.orgId(), subscription.destination),
						(key) -> ConcurrentHashMap.newKeySet())
				.add(new TopicSubscriber(session, subscription));
		}
	}

	void unsubscribe(GatewaySession session, String subscriptionId) {
		Subscription subscription = session.subscriptions.remove(subscriptionId);
		AuthenticatedUser user = session.user;
		if (subscription != null && !subscription.userQueue && user != null) {
			removeTopicSubscriber(new TopicKey(user.orgId(), subscription.destination),
					new TopicSubscriber(session, subscription));
		}
	}

	private void removeTopicSubscriber(TopicKey key, TopicSubscriber subscriber) {
		this.topics.computeIfPresent(key, (k, subscribers) -> {
			subscribers.remove(subscriber);
			return subscribers.isEmpty() ? null : subscribers;
		});
	}

	/**
	 * Pushes a stored event to the user's sessions on this node, in sequence order.
	 */
	public void deliver(UserEvent event) {
		UserStream stream = this.streams.get(event.userId());
		if (stream == null) {
			return;
		}
		synchronized (stream) {
			if (event.seq() <= stream.lastSeq) {
				return;
			}
			if (event.seq() == stream.lastSeq + 1) {
				push(stream, event, true);
				pushEarlyEvents(stream);
				return;
			}
			stream.early.put(event.seq(), event);
			if (!stream.fillingGap) {
				stream.fillingGap = true;
				this.background.execute(() -> fillGap(stream));
			}
		}
	}

	/**
	 * An event arrived ahead of its predecessors (their publishers committed first but
	 * pushed later). A committed event implies committed predecessors (they held the
	 * user's sequence row until they committed), so they are read back from the database.
	 */
	private void fillGap(UserStream stream) {
		try {
			long after;
			long before;
			synchronized (stream) {
				after = stream.lastSeq;
				before = stream.early.isEmpty() ? after + 1 : stream.early.firstKey();
			}
			List<UserEvent> missing = (before > after + 1) ? this.store.findBetween(stream.userId, after, before)
					: List.of();
			synchronized (stream) {
				for (UserEvent event : missing) {
					if (event.seq() == stream.lastSeq + 1) {
						push(stream, event, true);
					}
				}
				if (stream.lastSeq < before - 1) {
					// what the read range still lacks no longer exists (retention):
					// carry on after it
					stream.lastSeq = before - 1;
				}
				pushEarlyEvents(stream);
				if (!stream.early.isEmpty() && stream.early.firstKey() > stream.lastSeq + 1) {
					// later events overtook others while this gap was read: read that gap
					// too (never skip it: its events may just not have been pushed yet)
					this.background.execute(() -> fillGap(stream));
				}
				else {
					stream.fillingGap = false;
				}
			}
		}
		catch (RuntimeException ex) {
			log.warn("Reading back missing events of user {} failed", stream.userId, ex);
			synchronized (stream) {
				stream.fillingGap = false;
			}
		}
	}

	/**
	 * Cluster mode's safety net for lost pub/sub messages (Redis restarted, a subscriber
	 * reconnecting): compares the last event pushed to each of this node's users with the
	 * database's last and delivers what is missing, in order. One query covers all the
	 * node's users.
	 * @return how many events were read back
	 */
	int catchUp() {
		long[] userIds = this.streams.keySet().stream().mapToLong(Long::longValue).toArray();
		if (userIds.length == 0) {
			return 0;
		}
		int caught = 0;
		for (Map.Entry<Long, Long> stored : this.store.lastSeqs(userIds).entrySet()) {
			UserStream stream = this.streams.get(stored.getKey());
			if (stream == null) {
				continue;
			}
			long pushed;
			synchronized (stream) {
				pushed = stream.lastSeq;
			}
			if (stored.getValue() > pushed) {
				for (UserEvent event : this.store.findBetween(stream.userId, pushed, stored.getValue() + 1)) {
					deliver(event);
					caught++;
				}
			}
		}
		return caught;
	}

	private void pushEarlyEvents(UserStream stream) {
		TreeMap<Long, UserEvent> early = stream.early;
		while (!early.isEmpty() && early.firstKey() <= stream.lastSeq + 1) {
			UserEvent next = early.pollFirstEntry().getValue();
			if (next.seq() == stream.lastSeq + 1) {
				push(stream, next, true);
			}
		}
	}

	/** Called with the stream's lock held. */
	private void push(UserStream stream, UserEvent event, boolean live) {
		stream.lastSeq = Math.max(stream.lastSeq, event.seq());
		for (GatewaySession session : stream.sessions) {
			for (Subscription subscription : session.subscriptions.values()) {
				if (!subscription.userQueue || !subscription.destination.equals(event.destination())) {
					continue;
				}
				if (subscription.replaying) {
					subscription.held.add(event);
					if (subscription.held.size() > MAX_HELD) {
						disconnect(session, "replay overtaken by live events");
					}
				}
				else if (event.seq() > subscription.lastSeq) {
					subscription.lastSeq = event.seq();
					send(session, subscription, event, live);
				}
			}
		}
	}

	private boolean send(GatewaySession session, Subscription subscription, UserEvent event, boolean live) {
		long userId = event.userId();
		long seq = event.seq();
		Instant createdAt = event.createdAt();
		boolean acknowledging = subscription.ack == Subscription.Ack.CLIENT_INDIVIDUAL;
		Runnable onWritten = () -> {
			if (acknowledging) {
				this.tracker.sent(userId, seq);
				session.ackFrameSent();
			}
			else {
				this.tracker.delivered(userId, seq);
			}
			if (live) {
				this.metrics.delivered(Duration.between(createdAt, Instant.now()));
			}
			else {
				this.metrics.delivered();
			}
		};
		if (!session.outbox.offer(GatewaySession.eventFrame(subscription, event), onWritten)) {
			slowConsumer(session);
			return false;
		}
		return true;
	}

	/**
	 * Replays a resuming subscription: a marker frame saying whether the position could
	 * be recovered, the stored events after it (and earlier ones never acknowledged),
	 * then the live events that arrived meanwhile, skipping any already replayed.
	 */
	void replay(GatewaySession session, Subscription subscription, long resumeAfter) {
		UserStream stream = session.stream;
		AuthenticatedUser user = session.requireUser();
		if (stream == null) {
			return;
		}
		try {
			boolean recovered = this.store.recoverable(user.userId(), resumeAfter);
			String body = "{\"recovered\":" + recovered + ",\"resumeAfter\":" + resumeAfter + "}";
			session.outbox.offer(StompFrames.frame(StompCommand.MESSAGE,
					StompFrames.headers("destination", subscription.destination, "subscription", subscription.id,
							"message-id", "recovery-" + UUID.randomUUID(), "content-type", "application/json",
							"x-recovered", Boolean.toString(recovered)),
					body.getBytes(StandardCharsets.UTF_8)));
			int replayed = 0;
			long cursor = 0;
			while (session.socket.isOpen()) {
				List<UserEvent> page = this.store.findForReplay(user.userId(), subscription.destination, resumeAfter,
						cursor, this.settings.replayBatchSize(),
						subscription.ack == Subscription.Ack.CLIENT_INDIVIDUAL);
				for (UserEvent event : page) {
					if (!session.outbox.awaitRoom(this.settings.sendTimeLimit())) {
						slowConsumer(session);
						return;
					}
					synchronized (stream) {
						subscription.lastSeq = Math.max(subscription.lastSeq, event.seq());
					}
					if (!send(session, subscription, event, false)) {
						return;
					}
					cursor = event.seq();
					replayed++;
				}
				if (page.size() < this.settings.replayBatchSize()) {
					break;
				}
			}
			synchronized (stream) {
				for (UserEvent event : subscription.held) {
					if (event.seq() > subscription.lastSeq) {
						subscription.lastSeq = event.seq();
						send(session, subscription, event, true);
					}
				}
				subscription.held.clear();
				subscription.replaying = false;
			}
			this.metrics.replayed(replayed);
		}
		catch (RuntimeException ex) {
			log.warn("Replay for session {} failed; closing it so the client resumes again", session.id(), ex);
			disconnect(session, "replay failed");
		}
	}

	/**
	 * Pushes a broadcast to the subscribers of a topic in one organization, or in all
	 * when {@code orgId} is null. Broadcasts are live only: they are not stored or
	 * replayed.
	 */
	public void broadcast(@Nullable Long orgId, String destination, String payload) {
		byte[] body = payload.getBytes(StandardCharsets.UTF_8);
		String eventId = UUID.randomUUID().toString();
		List<Set<TopicSubscriber>> targets = new ArrayList<>();
		if (orgId != null) {
			Set<TopicSubscriber> subscribers = this.topics.get(new TopicKey(orgId, destination));
			if (subscribers != null) {
				targets.add(subscribers);
			}
		}
		else {
			this.topics.forEach((key, subscribers) -> {
				if (key.destination().equals(destination)) {
					targets.add(subscribers);
				}
			});
		}
		int frames = 0;
		for (Set<TopicSubscriber> subscribers : targets) {
			for (TopicSubscriber subscriber : subscribers) {
				TextMessage frame = GatewaySession.broadcastFrame(subscriber.subscription(), eventId, body);
				if (subscriber.session().outbox.offer(frame, this.metrics::delivered)) {
					frames++;
				}
				else {
					slowConsumer(subscriber.session());
				}
			}
		}
		this.metrics.broadcast(frames);
	}

	private void presenceChanged(AuthenticatedUser user, String status, int sessions) {
		broadcast(user.orgId(), Destinations.PRESENCE, presencePayload(user.userId(), status, sessions));
	}

	/**
	 * The ONLINE/OFFLINE push on {@link Destinations#PRESENCE}.
	 */
	static String presencePayload(long userId, String status, int sessions) {
		return "{\"userId\":" + userId + ",\"status\":\"" + status + "\",\"sessions\":" + sessions + ",\"time\":\""
				+ Instant.now() + "\"}";
	}

	/**
	 * Hands presence to cluster mode: from now on every change of a user's session count
	 * on this node is reported to the listener, which announces ONLINE/OFFLINE for the
	 * whole cluster, instead of this node announcing its own.
	 */
	void onSessionsChanged(PresenceListener listener) {
		this.presenceListener = listener;
	}

	/**
	 * This node's connected users and their organizations.
	 */
	Map<Long, Long> localUsers() {
		Map<Long, Long> users = new HashMap<>();
		for (UserStream stream : this.streams.values()) {
			for (GatewaySession session : stream.sessions) {
				AuthenticatedUser user = session.user;
				if (user != null) {
					users.put(user.userId(), user.orgId());
					break;
				}
			}
		}
		return users;
	}

	/**
	 * Every registered session on this node.
	 */
	List<GatewaySession> allSessions() {
		List<GatewaySession> sessions = new ArrayList<>();
		for (UserStream stream : this.streams.values()) {
			sessions.addAll(stream.sessions);
		}
		return sessions;
	}

	/**
	 * The user's connected sessions on this node.
	 */
	List<GatewaySession> sessionsOf(long userId) {
		UserStream stream = this.streams.get(userId);
		return (stream != null) ? List.copyOf(stream.sessions) : List.of();
	}

	/**
	 * How many sessions a user has open on this node.
	 */
	public int sessions(long userId) {
		UserStream stream = this.streams.get(userId);
		return (stream != null) ? stream.sessions.size() : 0;
	}

	/**
	 * The users of an organization with open sessions on this node, and how many each
	 * has.
	 */
	public Map<Long, Integer> online(long orgId) {
		Map<Long, Integer> online = new TreeMap<>();
		Set<GatewaySession> sessions = this.organizations.get(orgId);
		if (sessions != null) {
			for (GatewaySession session : sessions) {
				AuthenticatedUser user = session.user;
				if (user != null) {
					online.merge(user.userId(), 1, Integer::sum);
				}
			}
		}
		return online;
	}

	/**
	 * The users of every organization with open sessions on this node, each with their
	 * organization.
	 */
	public Map<Long, Long> onlineEverywhere() {
		Map<Long, Long> online = new TreeMap<>();
		this.organizations.forEach((orgId, sessions) -> {
			for (GatewaySession session : sessions) {
				AuthenticatedUser user = session.user;
				if (user != null) {
					online.put(user.userId(), orgId);
				}
			}
		});
		return online;
	}

	int openSessions() {
		int open = 0;
		for (UserStream stream : this.streams.values()) {
			open += stream.sessions.size();
		}
		return open;
	}

	void slowConsumer(GatewaySession session) {
		if (session.state == GatewaySession.State.CLOSING) {
			return;
		}
		this.metrics.slowConsumer();
		log.info("Disconnecting session {} of user {}: slow consumer ({} bytes queued)", session.id(),
				session.user != null ? session.user.userId() : null, session.outbox.queuedBytes());
		disconnect(session, "slow consumer");
	}

	/**
	 * Closes a session. It leaves its user's stream at once: a dead peer may take long to
	 * close.
	 */
	void disconnect(GatewaySession session, String reason) {
		session.state = GatewaySession.State.CLOSING;
		unregister(session);
		this.background
			.execute(() -> Outbox.closeQuietly(session.socket, CloseStatus.POLICY_VIOLATION.withReason(reason)));
	}

	/**
	 * Told whenever a user's number of sessions on this node changes.
	 */
	interface PresenceListener {

		void sessionsChanged(AuthenticatedUser user);

	}

	private record TopicKey(long orgId, String destination) {
	}

	private record TopicSubscriber(GatewaySession session, Subscription subscription) {
	}

}
