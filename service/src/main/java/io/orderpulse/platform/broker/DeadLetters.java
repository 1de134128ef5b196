package io.orderpulse.platform.broker;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import io.orderpulse.platform.Problems;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.ErrorResponseException;

/**
 * The dead letters of broker mode, on either broker. A listener on every dead-letter
 * queue or topic moves each message into the {@code dead_letters} table and only then
 * acknowledges it, so a dead letter is never lost and can be listed by any node; a replay
 * publishes it back to its work queue (with a confirm) and marks it replayed in the same
 * transaction. Every dead letter belongs to the organization named by its
 * {@link BrokerQueues#ORG_HEADER} header.
 */
public class DeadLetters {

	private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);

	private static final int LIMIT = 200;

	private final JdbcClient jdbc;

	private final BrokerQueues queues;

	DeadLetters(JdbcClient jdbc, BrokerQueues queues) {
		this.jdbc = jdbc;
		this.queues = queues;
	}

	/**
	 * Stores a message taken from a dead-letter queue or topic.
	 * @param queue the full name of the work queue or topic it failed on
	 * @param orgId the organization of its {@link BrokerQueues#ORG_HEADER} header, null
	 * if it had none (then it is listed to nobody)
	 * @param reason why it was dead-lettered (at most 255 characters are kept)
	 */
	@Transactional
	public void store(String queue, @Nullable String messageId, @Nullable String contentType, byte[] body,
			String reason, @Nullable Long orgId) {
		if (orgId == null) {
			log.warn("Dead letter {} of {} names no organization: stored, listed to nobody", messageId, queue);
		}
		this.jdbc.sql("""
				insert into dead_letters (org_id, queue, message_id, content_type, body, reason)
				values (?, ?, ?, ?, ?, ?)
				""")
			.params(orgId, queue, messageId, contentType, body,
					(reason.length() > 255) ? reason.substring(0, 255) : reason)
			.update();
	}

	/**
	 * The organization's dead letters not yet replayed, oldest first (at most 200).
	 */
	@Transactional(readOnly = true)
	public List<DeadLetter> list(long orgId) {
		return this.jdbc.sql("""
				select id, queue, message_id, body, reason, dead_at from dead_letters
				where org_id = ? and replayed_at is null order by id limit ?
				""")
			.params(orgId, LIMIT)
			.query((rs, row) -> new DeadLetter(rs.getLong("id"), rs.getString("queue"), rs.getString("message_id"),
					new String(rs.getBytes("body"), StandardCharsets.UTF_8), rs.getString("reason"),
					rs.getTimestamp("dead_at").toInstant()))
			.list();
	}

	/**
	 * Publishes one of the organization's dead letters back to its work queue and marks
	 * it replayed; if it fails again it becomes a new dead letter.
	 * @return when it was replayed
	 * @throws ErrorResponseException 404 if the organization has no such dead letter, 409
	 * if it was replayed already
	 */
	@Transactional
	public Instant replay(long orgId, long id) {
		Stored stored = this.jdbc.sql("""
				select queue, message_id, content_type, body, replayed_at is not null as replayed
				from dead_letters where id = ? and org_id = ? for update
				""")
			.params(id, orgId)
			.query((rs, row) -> new Stored(rs.getString("queue"), rs.getString("message_id"),
					rs.getString("content_type"), rs.getBytes("body"), rs.getBoolean("replayed")))
			.optional()
			.orElseThrow(() -> new ErrorResponseException(HttpStatus.NOT_FOUND, Problems.detail(HttpStatus.NOT_FOUND,
					"dead-letter-not-found", "Dead letter not found", "There is no dead letter " + id + "."), null));
		if (stored.replayed()) {
			throw new ErrorResponseException(HttpStatus.CONFLICT, Problems.detail(HttpStatus.CONFLICT,
					"dead-letter-replayed", "Dead letter replayed", "Dead letter " + id + " was replayed already."),
					null);
		}
		Instant now = Instant.now();
		this.jdbc.sql("update dead_letters set replayed_at = ? where id = ?")
			.params(java.sql.Timestamp.from(now), id)
			.update();
		// last: if the broker does not confirm, the transaction rolls back and the
		// dead letter stays listed (a confirmed publish whose commit then fails is
		// replayed twice, which the idempotent consumers absorb)
		this.queues.resend(stored.queue(), stored.body(), stored.messageId(), stored.contentType(), orgId);
		return now;
	}

	/**
	 * The organization named by a header value (a number or its text), null if none.
	 */
	static @Nullable Long orgOf(@Nullable Object org) {
		if (org instanceof Number number) {
			return number.longValue();
		}
		if (org instanceof byte[] bytes) {
			org = new String(bytes, StandardCharsets.UTF_8);
		}
		try {
			return (org != null) ? Long.valueOf(org.toString().trim()) : null;
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	private record Stored(String queue, @Nullable String messageId, @Nullable String contentType, byte[] body,
			boolean replayed) {
	}

}
