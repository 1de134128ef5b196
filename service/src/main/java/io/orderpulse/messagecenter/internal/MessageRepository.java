package io.orderpulse.messagecenter.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.orderpulse.messagecenter.Message;
import io.orderpulse.messagecenter.MessageDraft;
import io.orderpulse.messagecenter.MessageFilter;
import io.orderpulse.messagecenter.MessageMetadata;
import io.orderpulse.messagecenter.MessageType;
import io.orderpulse.messagecenter.Priority;
import io.orderpulse.messagecenter.ReceiverType;
import io.orderpulse.messagecenter.RecipientStatus;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Messages and per-recipient state. Every read goes through {@link #INBOX}: the messages
 * addressed to a reader (directly, to one of their groups, to their organization or to
 * everyone) that have not expired and that the reader has not deleted, with the reader's
 * state or UNREAD when there is none. Changing a state inserts the reader's row on first
 * use, so a broadcast costs one row until people act on it.
 */
@Repository
public class MessageRepository {

	/*
	 * One branch per kind of receiver, each a range of messages_receiver_idx in id order:
	 * the newest page is a merge of those ranges (no sort of the whole inbox), and the
	 * index holds org_id and expire_time, so counting is an index-only scan.
	 */
	private static final String INBOX = """
			from (select * from messages where receiver_type = 'USER' and receiver_id = :userId and org_id = :orgId
			      union all
			      select * from messages where receiver_type = 'USER_GROUP'
			                               and receiver_id = any(cast(:groupIds as bigint[])) and org_id = :orgId
			      union all
			      select * from messages where receiver_type = 'ORGANIZATION' and receiver_id = :orgId and org_id = :orgId
			      union all
			      select * from messages where receiver_type = 'BROADCAST' and receiver_id = :orgId and org_id = :orgId
			      union all
			      select * from messages where receiver_type = 'BROADCAST' and receiver_id is null) m
			left join message_recipients r on r.message_id = m.id and r.user_id = :userId
			where (m.expire_time is null or m.expire_time > now())
			  and (r.status is null or r.status <> 'DELETED')
			""";

	private static final String MATCHES = """
			 and m.search_bigrams @> message_bigrams(:text)
			 and (strpos(lower(m.title), lower(:text)) > 0 or strpos(lower(m.content), lower(:text)) > 0)
			""";

	private static final String UNREAD = " and (r.status is null or r.status = 'UNREAD')";

	private static final String COLUMNS = "m.*, coalesce(r.status, 'UNREAD') as recipient_status, r.delivered_time, "
			+ "r.read_time, coalesce(r.archived, false) as recipient_archived ";

	/** The unread count leaves archived messages out, like the default list. */
	private static final String NOT_ARCHIVED = " and (r.archived is null or not r.archived)";

	private final JdbcClient jdbc;

	private final JsonMapper json;

	MessageRepository(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	/**
	 * Stores a message.
	 * @return the message as a recipient who has not read it sees it
	 */
	public Message insert(long orgId, @Nullable Long senderId, String senderName, ReceiverType receiverType,
			@Nullable Long receiverId, MessageDraft draft, long recipientCount) {
		MessageMetadata metadata = draft.metadata();
		long id = this.jdbc.sql("""
				insert into messages (org_id, sender_id, sender_name, receiver_type, receiver_id, message_type, title,
				                      content, priority, category, metadata, expire_time, recipient_count)
				values (:orgId, :senderId, :senderName, :receiverType, :receiverId, :messageType, :title, :content,
				        :priority, :category, cast(:metadata as jsonb), :expireTime, :recipientCount)
				returning id
				""")
			.param("orgId", orgId)
			.param("senderId", senderId)
			.param("senderName", senderName)
			.param("receiverType", receiverType.name())
			.param("receiverId", receiverId)
			.param("messageType", draft.messageType().name())
			.param("title", draft.title())
			.param("content", draft.content())
			.param("priority", draft.priority().name())
			.param("category", draft.category())
			.param("metadata", (metadata != null) ? this.json.writeValueAsString(metadata) : null)
			.param("expireTime", at(draft.expireTime()))
			.param("recipientCount", recipientCount)
			.query(Long.class)
			.single();
		return find(id).orElseThrow();
	}

	/**
	 * A message as a recipient without state sees it, whoever it is for.
	 */
	public Optional<Message> find(long messageId) {
		return this.jdbc
			.sql("select m.*, 'UNREAD' as recipient_status, null::timestamptz as delivered_time, "
					+ "null::timestamptz as read_time, false as recipient_archived from messages m where m.id = ?")
			.param(messageId)
			.query(this::map)
			.optional();
	}

	public Optional<Message> findFor(Reader reader, long messageId) {
		return inbox("select " + COLUMNS + INBOX + " and m.id = :messageId", reader).param("messageId", messageId)
			.query(this::map)
			.optional();
	}

	/**
	 * The reader's messages matching the filter, newest first, below a message id if
	 * given.
	 */
	public List<Message> list(Reader reader, MessageFilter filter, @Nullable Long beforeId, int limit, long offset) {
		Map<String, Object> params = new HashMap<>();
		String where = where(filter, params);
		if (beforeId != null) {
			where += " and m.id < :beforeId";
			params.put("beforeId", beforeId);
		}
		return inbox("select " + COLUMNS + INBOX + where + " order by m.id desc limit :limit offset :offset", reader)
			.params(params)
			.param("limit", limit)
			.param("offset", offset)
			.query(this::map)
			.list();
	}

	/**
	 * How many of the reader's messages match the filter, counting no further than
	 * {@code limit}: the cost is bounded by the limit, not by the inbox.
	 */
	public long count(Reader reader, MessageFilter filter, long limit) {
		Map<String, Object> params = new HashMap<>();
		String where = where(filter, params);
		return inbox("select count(*) from (select 1 " + INBOX + where + " limit :countLimit) c", reader).params(params)
			.param("countLimit", limit)
			.query(Long.class)
			.single();
	}

	public long unreadCount(Reader reader) {
		return inbox("select count(*) " + INBOX + UNREAD + NOT_ARCHIVED, reader).query(Long.class).single();
	}

	/**
	 * Marks the reader's unread messages among these (all of them if {@code messageIds}
	 * is null) read.
	 * @return how many changed
	 */
	public int markRead(Reader reader, @Nullable List<Long> messageIds) {
		String only = (messageIds != null) ? " and m.id = any(cast(:messageIds as bigint[]))" : "";
		var statement = inbox("""
				insert into message_recipients (message_id, user_id, status, delivered_time, read_time)
				select m.id, :userId, 'READ', now(), now()
				""" + INBOX + UNREAD + only + """

				on conflict (message_id, user_id) do update
				set status = 'READ', read_time = excluded.read_time, update_time = now(),
				    delivered_time = coalesce(message_recipients.delivered_time, excluded.read_time)
				where message_recipients.status = 'UNREAD'
				""", reader);
		if (messageIds != null) {
			statement = statement.param("messageIds", messageIds.toArray(Long[]::new));
		}
		return statement.update();
	}

	/**
	 * Records that these of the reader's messages reached the reader now, unless they did
	 * before.
	 * @return how many were not delivered before
	 */
	public int markDelivered(Reader reader, List<Long> messageIds) {
		return inbox("""
				insert into message_recipients (message_id, user_id, status, delivered_time)
				select m.id, :userId, 'UNREAD', now()
				""" + INBOX + """
				 and m.id = any(cast(:messageIds as bigint[]))
				on conflict (message_id, user_id) do update set delivered_time = now(), update_time = now()
				where message_recipients.delivered_time is null
				""", reader).param("messageIds", messageIds.toArray(Long[]::new)).update();
	}

	/**
	 * Archives or unarchives one of the reader's messages for the reader.
	 * @return whether it changed
	 */
	public boolean archive(Reader reader, long messageId, boolean archived) {
		return inbox("""
				insert into message_recipients (message_id, user_id, status, archived)
				select m.id, :userId, 'UNREAD', :archived
				""" + INBOX + """
				 and m.id = :messageId
				on conflict (message_id, user_id) do update set archived = excluded.archived, update_time = now()
				where message_recipients.archived <> excluded.archived
				""", reader).param("messageId", messageId).param("archived", archived).update() == 1;
	}

	/**
	 * Deletes a message for the reader only.
	 * @return whether it was in the reader's inbox
	 */
	public boolean delete(Reader reader, long messageId) {
		return inbox("""
				insert into message_recipients (message_id, user_id, status)
				select m.id, :userId, 'DELETED'
				""" + INBOX + """
				 and m.id = :messageId
				on conflict (message_id, user_id) do update set status = 'DELETED', update_time = now()
				where message_recipients.status <> 'DELETED'
				""", reader).param("messageId", messageId).update() == 1;
	}

	/**
	 * Deletes up to {@code limit} messages that expired at or before a time.
	 * @return how many
	 */
	public int deleteExpired(Instant now, int limit) {
		return this.jdbc.sql("""
				delete from messages where id in (
				    select id from messages where expire_time <= ? order by expire_time limit ?)
				""").params(at(now), limit).update();
	}

	/**
	 * The reader's messages matching the filter whose title or content contains the text
	 * (ignoring case), among the newest {@code candidates} such messages: title matches
	 * first, then the ones where it occurs most often, then newest first. Ranking only
	 * the newest matches bounds the cost of a common word (every candidate's text is read
	 * to rank it). The GIN index on the messages' character bigrams or the inbox's
	 * receiver ranges (in id order, stopping at the last candidate) find the candidates;
	 * the substring is checked on those only.
	 * @param text at least two characters
	 */
	public List<Message> search(Reader reader, String text, MessageFilter filter, int candidates, int limit,
			long offset) {
		Map<String, Object> params = new HashMap<>();
		String where = where(filter, params);
		return inbox("select * from (select " + COLUMNS + INBOX + where + MATCHES + """
				 order by m.id desc limit :candidates) m
				 order by strpos(lower(m.title), lower(:text)) > 0 desc,
				          (char_length(lower(m.title || ' ' || m.content))
				           - char_length(replace(lower(m.title || ' ' || m.content), lower(:text), '')))
				          / char_length(lower(:text)) desc,
				          m.id desc
				 limit :limit offset :offset
				""", reader).params(params)
			.param("text", text)
			.param("candidates", candidates)
			.param("limit", limit)
			.param("offset", offset)
			.query(this::map)
			.list();
	}

	/**
	 * How many of the reader's messages {@link #search} would find, counting no further
	 * than {@code limit}.
	 */
	public long countMatches(Reader reader, String text, MessageFilter filter, long limit) {
		Map<String, Object> params = new HashMap<>();
		String where = where(filter, params);
		return inbox("select count(*) from (select 1 " + INBOX + where + MATCHES + " limit :countLimit) c", reader)
			.params(params)
			.param("text", text)
			.param("countLimit", limit)
			.query(Long.class)
			.single();
	}

	/**
	 * The messages an organization sent in a period, by period unit (day, week or month,
	 * UTC) and message type: how many, to how many recipients, how many of those read
	 * them and their total time to read.
	 */
	public List<SentRow> sentStatistics(long orgId, Instant from, Instant to, String unit) {
		return this.jdbc
			.sql("""
					select cast(date_trunc(:unit, m.create_time at time zone 'UTC') as date) as period, m.message_type,
					       count(*) as messages, sum(m.recipient_count) as recipients,
					       coalesce(sum(r.deliveries), 0) as deliveries, coalesce(sum(r.reads), 0) as reads,
					       coalesce(sum(r.read_seconds), 0) as read_seconds
					from messages m
					left join lateral (
					    select count(*) filter (where x.delivered_time is not null or x.read_time is not null) as deliveries,
					           count(x.read_time) as reads,
					           sum(extract(epoch from x.read_time - m.create_time)) as read_seconds
					    from message_recipients x where x.message_id = m.id) r on true
					where m.org_id = :orgId and m.create_time >= :from and m.create_time < :to
					group by 1, 2
					order by 1, 2
					""")
			.param("unit", unit)
			.param("orgId", orgId)
			.param("from", at(from))
			.param("to", at(to))
			.query((rs, row) -> new SentRow(rs.getObject("period", LocalDate.class),
					MessageType.valueOf(rs.getString("message_type")), rs.getLong("messages"), rs.getLong("recipients"),
					rs.getLong("deliveries"), rs.getLong("reads"), rs.getDouble("read_seconds")))
			.list();
	}

	/**
	 * The reader's messages by type: how many, how many unread, how many read and their
	 * total time to read.
	 */
	public List<InboxRow> inboxStatistics(Reader reader) {
		return inbox("""
				select m.message_type, count(*) as messages,
				       count(*) filter (where r.status is null or r.status = 'UNREAD') as unread,
				       count(r.read_time) as reads,
				       coalesce(sum(extract(epoch from r.read_time - m.create_time)), 0) as read_seconds
				""" + INBOX + " group by m.message_type order by m.message_type", reader)
			.query((rs, row) -> new InboxRow(MessageType.valueOf(rs.getString("message_type")), rs.getLong("messages"),
					rs.getLong("unread"), rs.getLong("reads"), rs.getDouble("read_seconds")))
			.list();
	}

	private JdbcClient.StatementSpec inbox(String sql, Reader reader) {
		return this.jdbc.sql(sql)
			.param("userId", reader.userId())
			.param("orgId", reader.orgId())
			.param("groupIds", reader.groupIds().toArray(Long[]::new));
	}

	private static String where(MessageFilter filter, Map<String, Object> params) {
		StringBuilder where = new StringBuilder();
		if (filter.status() == RecipientStatus.UNREAD) {
			where.append(UNREAD);
		}
		else if (filter.status() != null) {
			where.append(" and r.status = :status");
			params.put("status", filter.status().name());
		}
		where.append(filter.archived() ? " and r.archived" : NOT_ARCHIVED);
		if (filter.messageType() != null) {
			where.append(" and m.message_type = :messageType");
			params.put("messageType", filter.messageType().name());
		}
		if (filter.priority() != null) {
			where.append(" and m.priority = :priority");
			params.put("priority", filter.priority().name());
		}
		if (filter.category() != null) {
			where.append(" and m.category = :category");
			params.put("category", filter.category());
		}
		if (filter.startDate() != null) {
			where.append(" and m.create_time >= :startDate");
			params.put("startDate", day(filter.startDate()));
		}
		if (filter.endDate() != null) {
			where.append(" and m.create_time < :endDate");
			params.put("endDate", day(filter.endDate().plusDays(1)));
		}
		return where.toString();
	}

	private static OffsetDateTime day(LocalDate date) {
		return date.atStartOfDay().atOffset(ZoneOffset.UTC);
	}

	private static @Nullable OffsetDateTime at(@Nullable Instant instant) {
		return (instant != null) ? instant.atOffset(ZoneOffset.UTC) : null;
	}

	private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp at = rs.getTimestamp(column);
		return (at != null) ? at.toInstant() : null;
	}

	private Message map(ResultSet rs, int row) throws SQLException {
		String metadata = rs.getString("metadata");
		Priority priority = Priority.valueOf(rs.getString("priority"));
		Instant createTime = instant(rs, "create_time");
		return new Message(rs.getLong("id"), rs.getObject("sender_id", Long.class), rs.getString("sender_name"),
				rs.getObject("receiver_id", Long.class), ReceiverType.valueOf(rs.getString("receiver_type")),
				MessageType.valueOf(rs.getString("message_type")), rs.getString("title"), rs.getString("content"),
				priority, priority == Priority.HIGH || priority == Priority.URGENT, rs.getString("category"),
				(metadata != null) ? this.json.readValue(metadata, MessageMetadata.class) : null,
				instant(rs, "expire_time"), rs.getLong("org_id"), (createTime != null) ? createTime : Instant.EPOCH,
				RecipientStatus.valueOf(rs.getString("recipient_status")), instant(rs, "delivered_time"),
				instant(rs, "read_time"), rs.getBoolean("recipient_archived"));
	}

	/**
	 * Who reads: the user, their organization and the groups they belong to now.
	 */
	public record Reader(long userId, long orgId, List<Long> groupIds) {
	}

	/**
	 * Messages of one type sent in one period.
	 *
	 * @param period the first day of the period
	 * @param messageType the type
	 * @param messages how many were sent
	 * @param recipients to how many users in all (each message's audience when sent)
	 * @param deliveries how many recipients are known to have received them (their
	 * delivered or read time is set)
	 * @param reads how many recipients read them
	 * @param readSeconds the recipients' total time from sending to reading
	 */
	public record SentRow(LocalDate period, MessageType messageType, long messages, long recipients, long deliveries,
			long reads, double readSeconds) {
	}

	/**
	 * A reader's messages of one type.
	 *
	 * @param messageType the type
	 * @param messages how many are in the inbox
	 * @param unread how many of those are unread
	 * @param reads how many of those were read
	 * @param readSeconds total time from sending to reading
	 */
	public record InboxRow(MessageType messageType, long messages, long unread, long reads, double readSeconds) {
	}

}
