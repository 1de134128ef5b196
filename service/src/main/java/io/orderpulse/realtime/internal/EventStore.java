package io.orderpulse.realtime.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.TimeBasedEpochGenerator;
import io.orderpulse.realtime.UserEvent;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Per-user event streams in PostgreSQL (tables {@code user_event_seq} and
 * {@code user_events}).
 */
@Repository
public class EventStore {

	static final short STORED = 0;

	static final short SENT = 1;

	static final short DELIVERED = 2;

	/**
	 * Event ids are time-ordered (UUID version 7): each new id goes at the end of the
	 * unique index on {@code event_id} instead of a random page of it, so a publish
	 * touches one hot index page rather than dirtying a page anywhere in an index larger
	 * than the buffer cache (and writing it whole to the WAL after each checkpoint).
	 */
	private static final TimeBasedEpochGenerator EVENT_IDS = Generators.timeBasedEpochGenerator();

	private static final String COLUMNS = "event_id, user_id, seq, destination, payload, created_at";

	private final JdbcClient jdbc;

	EventStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Appends an event to a user's stream in the current transaction. The sequence row
	 * stays locked until the transaction ends, so concurrent publishers to one user
	 * commit in sequence order and a rolled-back publish leaves no gap.
	 */
	public UserEvent append(long userId, String destination, String payload) {
		long seq = this.jdbc.sql("""
				insert into user_event_seq (user_id, last_seq) values (?, 1)
				on conflict (user_id) do update set last_seq = user_event_seq.last_seq + 1
				returning last_seq
				""").param(userId).query(Long.class).single();
		UUID eventId = EVENT_IDS.generate();
		Instant createdAt = this.jdbc.sql("""
				insert into user_events (user_id, seq, event_id, destination, payload) values (?, ?, ?, ?, ?)
				returning created_at
				""")
			.params(userId, seq, eventId, destination, payload)
			.query(OffsetDateTime.class)
			.single()
			.toInstant();
		return new UserEvent(eventId, userId, seq, destination, payload, createdAt);
	}

	/**
	 * Appends many events, to any users, in the current transaction with two statements
	 * instead of two per event: the sequence rows of all their users are taken in
	 * ascending user order (so concurrent batches cannot deadlock on them), each user's
	 * events get consecutive numbers in the order given, and the events are inserted from
	 * arrays. Same guarantees as {@link #append}.
	 * @return the stored events, in the order given
	 */
	public List<UserEvent> appendAll(List<NewEvent> events) {
		if (events.isEmpty()) {
			return List.of();
		}
		TreeMap<Long, Integer> counts = new TreeMap<>();
		for (NewEvent event : events) {
			counts.merge(event.userId(), 1, Integer::sum);
		}
		long[] users = counts.keySet().stream().mapToLong(Long::longValue).toArray();
		int[] increments = counts.values().stream().mapToInt(Integer::intValue).toArray();
		Map<Long, Long> nextSeq = new HashMap<>();
		Instant[] createdAt = new Instant[1];
		this.jdbc.sql("""
				insert into user_event_seq (user_id, last_seq)
				select u, n from unnest(?::bigint[], ?::int[]) as t(u, n) order by u
				on conflict (user_id) do update set last_seq = user_event_seq.last_seq + excluded.last_seq
				returning user_id, last_seq, now()
				""").params(users, increments).query((rs) -> {
			long userId = rs.getLong(1);
			nextSeq.put(userId, rs.getLong(2) - counts.get(userId) + 1);
			createdAt[0] = instant(rs, 3);
		});
		int size = events.size();
		long[] userIds = new long[size];
		long[] seqs = new long[size];
		UUID[] eventIds = new UUID[size];
		String[] destinations = new String[size];
		String[] payloads = new String[size];
		List<UserEvent> stored = new ArrayList<>(size);
		for (int i = 0; i < size; i++) {
			NewEvent event = events.get(i);
			userIds[i] = event.userId();
			seqs[i] = nextSeq.merge(event.userId(), 1L, Long::sum) - 1;
			eventIds[i] = EVENT_IDS.generate();
			destinations[i] = event.destination();
			payloads[i] = event.payload();
			stored.add(new UserEvent(eventIds[i], userIds[i], seqs[i], destinations[i], payloads[i], createdAt[0]));
		}
		this.jdbc.sql("""
				insert into user_events (user_id, seq, event_id, destination, payload)
				select * from unnest(?::bigint[], ?::bigint[], ?::uuid[], ?::varchar[], ?::text[])
				""").params(userIds, seqs, eventIds, destinations, payloads).update();
		return stored;
	}

	/**
	 * The last sequence number a user's stream has handed out (0 if none).
	 */
	public long lastSeq(long userId) {
		return this.jdbc.sql("select last_seq from user_event_seq where user_id = ?")
			.param(userId)
			.query(Long.class)
			.optional()
			.orElse(0L);
	}

	/**
	 * The last sequence numbers of several users' streams (users without a stream are
	 * left out).
	 */
	public Map<Long, Long> lastSeqs(long[] userIds) {
		Map<Long, Long> lastSeqs = new HashMap<>();
		this.jdbc.sql("select user_id, last_seq from user_event_seq where user_id = any(?)")
			.param(userIds)
			.query((rs) -> {
				lastSeqs.put(rs.getLong(1), rs.getLong(2));
			});
		return lastSeqs;
	}

	/**
	 * Whether every event after {@code afterSeq} is still retained.
	 */
	public boolean recoverable(long userId, long afterSeq) {
		long purgedThrough = this.jdbc.sql("select purged_through from user_event_seq where user_id = ?")
			.param(userId)
			.query(Long.class)
			.optional()
			.orElse(0L);
		return afterSeq >= purgedThrough;
	}

	/**
	 * A page of what a resuming subscription must receive, in sequence order: the events
	 * of the destination after {@code resumeAfter}, and those at or before it that were
	 * sent to an acknowledging subscription but never acknowledged. An acknowledging
	 * subscription also receives those at or before it that are not recorded as sent: a
	 * node that died (or lost its database) before it recorded the "sent" of events it
	 * had written to the client cannot tell them from those never sent, and an event that
	 * was not acknowledged must come again.
	 */
	public List<UserEvent> findForReplay(long userId, String destination, long resumeAfter, long cursor, int limit,
			boolean acknowledging) {
		return this.jdbc.sql("select " + COLUMNS + """
				 from user_events
				where user_id = ? and destination = ? and seq > ? and (seq > ? or status = 1 or (? and status = 0))
				order by seq limit ?
				""")
			.params(userId, destination, cursor, resumeAfter, acknowledging, limit)
			.query(EventStore::map)
			.list();
	}

	/**
	 * The events of a user strictly between two sequence numbers, in order.
	 */
	public List<UserEvent> findBetween(long userId, long afterSeq, long beforeSeq) {
		return this.jdbc
			.sql("select " + COLUMNS + " from user_events where user_id = ? and seq > ? and seq < ? order by seq")
			.params(userId, afterSeq, beforeSeq)
			.query(EventStore::map)
			.list();
	}

	public Optional<EventState> find(UUID eventId) {
		return this.jdbc.sql("""
				select event_id, user_id, seq, destination, created_at, status, delivered_at
				from user_events where event_id = ?
				""")
			.param(eventId)
			.query((rs, row) -> new EventState(rs.getObject(1, UUID.class), rs.getLong(2), rs.getLong(3),
					rs.getString(4), instant(rs, 5), status(rs.getShort(6)), nullableInstant(rs, 7)))
			.optional();
	}

	/**
	 * Raises the status of events by sequence number (never lowers it: a late "sent" does
	 * not undo "delivered").
	 */
	public void mark(short status, long[] userIds, long[] seqs) {
		this.jdbc.sql("""
				update user_events e
				set status = greatest(e.status, ?),
				    delivered_at = case when ? = 2 then coalesce(e.delivered_at, now()) else e.delivered_at end
				from unnest(?::bigint[], ?::bigint[]) as m(user_id, seq)
				where e.user_id = m.user_id and e.seq = m.seq and e.status < ?
				""").params(status, status, userIds, seqs, status).update();
	}

	/**
	 * Marks events delivered by their ids, for their recipient only.
	 */
	public void acknowledge(long[] userIds, UUID[] eventIds) {
		this.jdbc.sql("""
				update user_events e set status = 2, delivered_at = coalesce(e.delivered_at, now())
				from unnest(?::bigint[], ?::uuid[]) as a(user_id, event_id)
				where e.event_id = a.event_id and e.user_id = a.user_id and e.status < 2
				""").params(userIds, eventIds).update();
	}

	/**
	 * Deletes events created before a time and remembers, per user, the highest sequence
	 * removed.
	 * @return how many events were removed
	 */
	public int purgeBefore(Instant cutoff) {
		return this.jdbc.sql("""
				with deleted as (delete from user_events where created_at < ? returning user_id, seq),
				     highest as (select user_id, max(seq) as seq, count(*) as n from deleted group by user_id),
				     updated as (update user_event_seq s set purged_through = greatest(s.purged_through, h.seq)
				                 from highest h where s.user_id = h.user_id returning 1)
				select coalesce(sum(n), 0) from highest
				""").param(OffsetDateTime.ofInstant(cutoff, java.time.ZoneOffset.UTC)).query(Integer.class).single();
	}

	private static UserEvent map(ResultSet rs, int row) throws SQLException {
		return new UserEvent(rs.getObject("event_id", UUID.class), rs.getLong("user_id"), rs.getLong("seq"),
				rs.getString("destination"), rs.getString("payload"), instant(rs, "created_at"));
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		return rs.getObject(column, OffsetDateTime.class).toInstant();
	}

	private static Instant instant(ResultSet rs, int column) throws SQLException {
		return rs.getObject(column, OffsetDateTime.class).toInstant();
	}

	private static @Nullable Instant nullableInstant(ResultSet rs, int column) throws SQLException {
		OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
		return (value != null) ? value.toInstant() : null;
	}

	private static String status(short status) {
		return switch (status) {
			case SENT -> "SENT";
			case DELIVERED -> "DELIVERED";
			default -> "STORED";
		};
	}

	/**
	 * An event to append: to whom, where it is pushed, its JSON body.
	 */
	public record NewEvent(long userId, String destination, String payload) {
	}

	/**
	 * The delivery state of one stored event.
	 */
	public record EventState(UUID eventId, long userId, long seq, String destination, Instant createdAt, String status,
			@Nullable Instant deliveredAt) {
	}

}
