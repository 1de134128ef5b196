package io.orderpulse.realtime.internal;

import java.util.ArrayList;
import java.util.List;

import io.orderpulse.realtime.UserEvent;

/**
 * One SUBSCRIBE of a session. For per-user queues its mutable state is guarded by the
 * user's {@link UserStream}: while a resume replays stored events, live events wait in
 * {@link #held}, and {@link #lastSeq} keeps the switch from replay to live free of
 * duplicates.
 */
final class Subscription {

	enum Ack {

		AUTO, CLIENT_INDIVIDUAL

	}

	final String id;

	final String destination;

	final Ack ack;

	final boolean userQueue;

	/** The highest sequence number sent on this subscription. */
	long lastSeq;

	/** Whether a resume is still replaying stored events. */
	boolean replaying;

	/** Live events that arrived during the replay. */
	final List<UserEvent> held = new ArrayList<>(0);

	Subscription(String id, String destination, Ack ack, boolean userQueue, long lastSeq, boolean replaying) {
		this.id = id;
		this.destination = destination;
		this.ack = ack;
		this.userQueue = userQueue;
		this.lastSeq = lastSeq;
		this.replaying = replaying;
	}

}
