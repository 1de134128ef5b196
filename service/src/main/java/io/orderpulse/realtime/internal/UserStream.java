package io.orderpulse.realtime.internal;

import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

import io.orderpulse.realtime.UserEvent;

/**
 * One user's live stream on this node: the user's open sessions and the last sequence
 * number pushed to them. Events are pushed strictly in sequence order; one that arrives
 * ahead of a missing predecessor waits in {@link #early} until the gap is read back from
 * the database. The object is the lock for its fields and for its sessions' user-queue
 * subscriptions.
 */
final class UserStream {

	final long userId;

	final List<GatewaySession> sessions = new CopyOnWriteArrayList<>();

	long lastSeq;

	final TreeMap<Long, UserEvent> early = new TreeMap<>();

	boolean fillingGap;

	UserStream(long userId, long lastSeq) {
		this.userId = userId;
		this.lastSeq = lastSeq;
	}

}
