package io.orderpulse.routing.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.orderpulse.messagecenter.MessageStatistics.ChannelStats;
import io.orderpulse.routing.Channel;
import io.orderpulse.routing.Delivery;
import io.orderpulse.routing.DeliveryStatus;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The delivery records: one per message, recipient and channel. A PENDING record is due
 * at {@code next_attempt_at}; whoever attempts it first moves that time ahead by a lease
 * (claims it), so two nodes never attempt the same record at once and a record whose node
 * died is due again when the lease ends.
 */
@Repository
public class DeliveryRepository {

	private static final int INSERT_BATCH = 500;

	private final JdbcClient jdbc;

	DeliveryRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Inserts the PENDING records a message's recipients do not have yet
	 * ({@link #insert}), a few hundred per statement.
	 * @return the new records
	 */
	public List<Delivery> insertAll(List<NewDelivery> deliveries, Instant now) {
		List<Delivery> inserted = new ArrayList<>();
		for (int from = 0; from < deliveries.size(); from += INSERT_BATCH) {
			List<NewDelivery> batch = deliveries.subList(from, Math.min(deliveries.size(), from + INSERT_BATCH));
			StringBuilder sql = new StringBuilder("""
					insert into message_deliveries (message_id, org_id, user_id, channel, status, held_by, rule_id,
					    max_attempts, backoff_ms, next_attempt_at, message_time, created_time, updated_time)
					values
					""");
			Map<String, Object> params = new HashMap<>();
			params.put("now", utc(now));
			for (int i = 0; i < batch.size(); i++) {
				NewDelivery delivery = batch.get(i);
				sql.append((i > 0) ? ",\n" : "")
					.append("(:m%1$d, :o%1$d, :u%1$d, :c%1$d, 'PENDING', :h%1$d, :r%1$d, :a%1$d, :b%1$d, :d%1$d, :t%1$d, :now, :now)"
						.formatted(i));
				params.put("m" + i, delivery.messageId());
				params.put("o" + i, delivery.orgId());
				params.put("u" + i, delivery.userId());
				params.put("c" + i, delivery.channel().name());
				params.put("h" + i, delivery.heldBy());
				params.put("r" + i, delivery.ruleId());
				params.put("a" + i, delivery.maxAttempts());
				params.put("b" + i, delivery.backoff().toMillis());
				params.put("d" + i, utc(delivery.due()));
				params.put("t" + i, utc(delivery.messageTime()));
			}
			sql.append("\non conflict (message_id, user_id, channel) do nothing returning *");
			inserted.addAll(this.jdbc.sql(sql.toString()).params(params).query(DeliveryRepository::delivery).list());
		}
		return inserted;
	}

	/**
	 * Claims up to {@code limit} PENDING records due at {@code now}, oldest due first,
	 * skipping those another transaction holds: they are due again at {@code now + lease}
	 * unless an attempt settles them before.
	 */
	public List<Claimed> claimDue(Instant now, Duration lease, int limit) {
		return this.jdbc.sql("""
				update message_deliveries d set next_attempt_at = :until, updated_time = :now
				from (select id from message_deliveries
				      where status = 'PENDING' and next_attempt_at <= :now
				      order by next_attempt_at limit :limit for update skip locked) due
				where d.id = due.id
				returning d.*
				""")
			.param("now", utc(now))
			.param("until", utc(now.plus(lease)))
			.param("limit", limit)
			.query(DeliveryRepository::claimed)
			.list();
	}

	/**
	 * Claims up to {@code limit} PENDING records of one message due at {@code now}, as
	 * {@link #claimDue(Instant, Duration, int)} does: a record the job or another node
	 * claimed, or that is settled or cancelled, is not claimed again.
	 */
	public List<Claimed> claimDue(long messageId, Instant now, Duration lease, int limit) {
		return this.jdbc.sql("""
				update message_deliveries d set next_attempt_at = :until, updated_time = :now
				from (select id from message_deliveries
				      where message_id = :messageId and status = 'PENDING' and next_attempt_at <= :now
				      order by next_attempt_at limit :limit for update skip locked) due
				where d.id = due.id
				returning d.*
				""")
			.param("messageId", messageId)
			.param("now", utc(now))
			.param("until", utc(now.plus(lease)))
			.param("limit", limit)
			.query(DeliveryRepository::claimed)
			.list();
	}

	/**
	 * The channel accepted the record's attempt.
	 */
	public void sent(long id, Instant now) {
		this.jdbc.sql("""
				update message_deliveries set status = 'SENT', attempts = attempts + 1, sent_time = :now,
				    updated_time = :now, next_attempt_at = null, last_error = null
				where id = :id and status = 'PENDING'
				""").param("id", id).param("now", utc(now)).update();
	}

	/**
	 * An attempt failed: PENDING again until {@code retryAt}, or FAILED for good when
	 * that is null.
	 */
	public void failed(long id, Instant now, String error, @Nullable Instant retryAt) {
		this.jdbc.sql("""
				update message_deliveries set status = :status, attempts = attempts + 1, updated_time = :now,
				    next_attempt_at = :retryAt, last_error = :error
				where id = :id and status = 'PENDING'
				""")
			.param("id", id)
			.param("status", (retryAt != null) ? "PENDING" : "FAILED")
			.param("now", utc(now))
			.param("retryAt", (retryAt != null) ? utc(retryAt) : null)
			.param("error", (error.length() > 500) ? error.substring(0, 500) : error)
			.update();
	}

	public List<Delivery> ofMessage(long orgId, long messageId) {
		return this.jdbc.sql("""
				select * from message_deliveries where org_id = :orgId and message_id = :messageId
				order by user_id, channel
				""").param("orgId", orgId).param("messageId", messageId).query(DeliveryRepository::delivery).list();
	}

	/**
	 * The organization's PENDING records that have not been attempted yet (held by quiet
	 * hours or a delay), soonest first.
	 */
	public List<Delivery> pending(long orgId, int limit) {
		return this.jdbc.sql("""
				select * from message_deliveries where org_id = :orgId and status = 'PENDING'
				order by next_attempt_at, id limit :limit
				""").param("orgId", orgId).param("limit", limit).query(DeliveryRepository::delivery).list();
	}

	/**
	 * Cancels a PENDING record of the organization.
	 * @return the record as it is now, or empty if the organization has none by that id
	 */
	public Optional<Delivery> cancel(long orgId, long id, Instant now) {
		this.jdbc.sql("""
				update message_deliveries set status = 'CANCELLED', updated_time = :now, next_attempt_at = null
				where org_id = :orgId and id = :id and status = 'PENDING'
				""").param("orgId", orgId).param("id", id).param("now", utc(now)).update();
		return this.jdbc.sql("select * from message_deliveries where org_id = :orgId and id = :id")
			.param("orgId", orgId)
			.param("id", id)
			.query(DeliveryRepository::delivery)
			.optional();
	}

	/**
	 * Per channel, the records of the organization's messages sent in {@code [from, to)}.
	 */
	public List<ChannelStats> channelStats(long orgId, Instant from, Instant to) {
		List<ChannelStats> stats = new ArrayList<>();
		this.jdbc.sql("""
				select channel, count(*) as deliveries,
				       count(*) filter (where status = 'SENT') as sent,
				       count(*) filter (where status = 'FAILED') as failed,
				       count(*) filter (where status = 'PENDING') as pending
				from message_deliveries
				where org_id = :orgId and message_time >= :from and message_time < :to
				group by channel order by channel
				""").param("orgId", orgId).param("from", utc(from)).param("to", utc(to)).query((rs) -> {
			long sent = rs.getLong("sent");
			long failed = rs.getLong("failed");
			stats.add(new ChannelStats(rs.getString("channel"), rs.getLong("deliveries"), sent, failed,
					rs.getLong("pending"), (sent + failed == 0) ? 0 : (double) sent / (sent + failed)));
		});
		return stats;
	}

	private static Claimed claimed(ResultSet rs, int row) throws SQLException {
		return new Claimed(delivery(rs, row), rs.getLong("org_id"), Duration.ofMillis(rs.getLong("backoff_ms")));
	}

	private static Delivery delivery(ResultSet rs, int row) throws SQLException {
		long rule = rs.getLong("rule_id");
		Long ruleId = rs.wasNull() ? null : rule;
		return new Delivery(rs.getLong("id"), rs.getLong("message_id"), rs.getLong("user_id"),
				Channel.valueOf(rs.getString("channel")), DeliveryStatus.valueOf(rs.getString("status")),
				rs.getString("held_by"), ruleId, rs.getInt("attempts"), rs.getInt("max_attempts"),
				instant(rs, "next_attempt_at"), rs.getString("last_error"), instant(rs, "created_time"),
				instant(rs, "updated_time"), instant(rs, "sent_time"));
	}

	private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime time = rs.getObject(column, OffsetDateTime.class);
		return (time != null) ? time.toInstant() : null;
	}

	private static OffsetDateTime utc(Instant instant) {
		return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
	}

	/**
	 * A record to insert.
	 *
	 * @param messageId the message
	 * @param orgId its organization
	 * @param userId the recipient
	 * @param channel the channel
	 * @param heldBy NONE, QUIET_HOURS or DELAY
	 * @param ruleId the rule, none for the default route
	 * @param maxAttempts attempts allowed
	 * @param backoff the first retry wait
	 * @param due when it is first due (or claimed until, when attempted at once)
	 * @param messageTime when the message was sent
	 */
	public record NewDelivery(long messageId, long orgId, long userId, Channel channel, String heldBy,
			@Nullable Long ruleId, int maxAttempts, Duration backoff, Instant due, Instant messageTime) {
	}

	/**
	 * A claimed record with what attempting it needs.
	 *
	 * @param delivery the record
	 * @param orgId its organization
	 * @param backoff its first retry wait
	 */
	public record Claimed(Delivery delivery, long orgId, Duration backoff) {
	}

}
