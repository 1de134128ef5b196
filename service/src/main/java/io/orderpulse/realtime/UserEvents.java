package io.orderpulse.realtime;

import java.util.List;

import io.orderpulse.realtime.internal.EventFanout;
import io.orderpulse.realtime.internal.EventStore;
import io.orderpulse.realtime.internal.EventStore.NewEvent;
import io.orderpulse.realtime.internal.RealtimeMetrics;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * What every module pushes through. {@link #publish} stores a per-user event in the
 * caller's transaction (so it commits or rolls back with the change it reports) and
 * pushes it to all the user's sessions once the transaction commits; a user who is
 * offline receives it on resume.
 */
@Service
public class UserEvents {

	private final EventStore store;

	private final EventFanout fanout;

	private final JsonMapper json;

	private final RealtimeMetrics metrics;

	UserEvents(EventStore store, EventFanout fanout, JsonMapper json, RealtimeMetrics metrics) {
		this.store = store;
		this.fanout = fanout;
		this.json = json;
		this.metrics = metrics;
	}

	/**
	 * Stores an event in the user's stream and pushes it after commit.
	 * @param userId the recipient
	 * @param destination a per-user queue such as {@link Destinations#ORDER_UPDATES}
	 * @param payload serialized as JSON
	 * @return the stored event with its sequence number and id
	 */
	@Transactional
	public UserEvent publish(long userId, String destination, Object payload) {
		if (!Destinations.isUserQueue(destination)) {
			throw new IllegalArgumentException("Not a per-user queue: " + destination);
		}
		UserEvent event = this.store.append(userId, destination, this.json.writeValueAsString(payload));
		this.metrics.published();
		afterCommit(() -> this.fanout.publish(event));
		return event;
	}

	/**
	 * Stores many events in one transaction (the caller's, if there is one) and pushes
	 * them after commit: the same streams, sequence numbers and delivery as
	 * {@link #publish}, for a fraction of the database round trips when one action
	 * notifies many users (two statements for the whole list instead of two per event).
	 * @param publications the events, each user's in the order they are to be received
	 * @return the stored events, in the order given
	 */
	@Transactional
	public List<UserEvent> publishAll(List<Publication> publications) {
		List<NewEvent> events = publications.stream().map((publication) -> {
			if (!Destinations.isUserQueue(publication.destination())) {
				throw new IllegalArgumentException("Not a per-user queue: " + publication.destination());
			}
			return new NewEvent(publication.userId(), publication.destination(),
					this.json.writeValueAsString(publication.payload()));
		}).toList();
		List<UserEvent> stored = this.store.appendAll(events);
		this.metrics.published(stored.size());
		afterCommit(() -> stored.forEach(this.fanout::publish));
		return stored;
	}

	/**
	 * Pushes a live message to every subscriber of a topic in an organization (after the
	 * current transaction commits, if there is one). Broadcasts are not stored: what must
	 * outlive a disconnect belongs in per-user events or the message center.
	 * @param orgId the organization
	 * @param destination a topic such as {@link Destinations#ANNOUNCEMENTS}
	 * @param payload serialized as JSON
	 */
	public void broadcast(long orgId, String destination, Object payload) {
		broadcastTo(orgId, destination, payload);
	}

	/**
	 * Pushes a live message to every subscriber of a topic in every organization.
	 */
	public void broadcastToAll(String destination, Object payload) {
		broadcastTo(null, destination, payload);
	}

	private void broadcastTo(@Nullable Long orgId, String destination, Object payload) {
		if (!destination.startsWith("/topic/")) {
			throw new IllegalArgumentException("Not a topic: " + destination);
		}
		String body = this.json.writeValueAsString(payload);
		afterCommit(() -> this.fanout.broadcast(orgId, destination, body));
	}

	private static void afterCommit(Runnable action) {
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCommit() {
					action.run();
				}
			});
		}
		else {
			action.run();
		}
	}

	/**
	 * One event of {@link #publishAll}.
	 *
	 * @param userId the recipient
	 * @param destination a per-user queue
	 * @param payload serialized as JSON
	 */
	public record Publication(long userId, String destination, Object payload) {
	}

}
