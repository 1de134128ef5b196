package io.orderpulse.ordering.internal;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

import io.orderpulse.ordering.RequestStatus;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Order requests, keyed by buyer and request id (the idempotency key).
 */
@Repository
public class OrderRequestRepository {

	private final JdbcClient jdbc;

	OrderRequestRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Stores a new request unless the buyer already used this id.
	 * @return true if this call stored it
	 */
	public boolean insertIfAbsent(long buyerId, String requestId, long orgId, String items) {
		return this.jdbc.sql("""
				insert into order_requests (buyer_id, request_id, org_id, items, status)
				values (?, ?, ?, ?, 'PENDING') on conflict do nothing
				""").params(buyerId, requestId, orgId, items).update() == 1;
	}

	/**
	 * Stores many new requests with one statement, each unless its buyer already used its
	 * id.
	 * @return the stored ones as {@code buyerId + ":" + requestId}
	 */
	public Set<String> insertAllIfAbsent(long[] buyerIds, String[] requestIds, long[] orgIds, String[] items) {
		Set<String> stored = new HashSet<>();
		this.jdbc
			.sql("""
					insert into order_requests (buyer_id, request_id, org_id, items, status)
					select b, r, o, i, 'PENDING' from unnest(?::bigint[], ?::varchar[], ?::bigint[], ?::text[]) as t(b, r, o, i)
					on conflict do nothing
					returning buyer_id, request_id
					""")
			.params(buyerIds, requestIds, orgIds, items)
			.query((rs) -> {
				stored.add(rs.getLong(1) + ":" + rs.getString(2));
			});
		return stored;
	}

	public Optional<OrderRequest> find(long buyerId, String requestId) {
		return this.jdbc.sql("select * from order_requests where buyer_id = ? and request_id = ?")
			.params(buyerId, requestId)
			.query(OrderRequestRepository::map)
			.optional();
	}

	/**
	 * Moves a request to PROCESSING if it is still PENDING (or already PROCESSING: a
	 * retry).
	 * @return the request's organization, or empty if it was already completed or failed
	 */
	public OptionalLong startProcessing(long buyerId, String requestId) {
		return this.jdbc.sql("""
				update order_requests set status = 'PROCESSING', updated_at = now()
				where buyer_id = ? and request_id = ? and status in ('PENDING', 'PROCESSING')
				returning org_id
				""")
			.params(buyerId, requestId)
			.query(Long.class)
			.optional()
			.map(OptionalLong::of)
			.orElse(OptionalLong.empty());
	}

	public void complete(long buyerId, String requestId, long orderId, BigDecimal totalPrice, String message) {
		this.jdbc
			.sql("""
					update order_requests set status = 'COMPLETED', order_id = ?, total_price = ?, message = ?, updated_at = now()
					where buyer_id = ? and request_id = ?
					""")
			.params(orderId, totalPrice, message, buyerId, requestId)
			.update();
	}

	public boolean fail(long buyerId, String requestId, String message) {
		return this.jdbc.sql("""
				update order_requests set status = 'FAILED', message = ?, updated_at = now()
				where buyer_id = ? and request_id = ? and status in ('PENDING', 'PROCESSING')
				""").params(message, buyerId, requestId).update() == 1;
	}

	/**
	 * The requests with these keys that are still to be processed (PENDING, or PROCESSING
	 * when an earlier attempt did not finish), their rows locked until the transaction
	 * ends, so a concurrent attempt at one of them waits and then finds it done.
	 */
	public List<OrderRequest> lockOpen(long[] buyerIds, String[] requestIds) {
		return this.jdbc.sql("""
				select r.* from order_requests r
				join unnest(?::bigint[], ?::varchar[]) as t(b, q) on r.buyer_id = t.b and r.request_id = t.q
				where r.status in ('PENDING', 'PROCESSING')
				order by r.buyer_id, r.request_id
				for update of r
				""").params(buyerIds, requestIds).query(OrderRequestRepository::map).list();
	}

	/**
	 * Completes many requests with one statement, each with its order.
	 * @param totalPrices the orders' totals, as decimal strings
	 */
	public void completeAll(long[] buyerIds, String[] requestIds, long[] orderIds, String[] totalPrices,
			String message) {
		this.jdbc.sql("""
				update order_requests r
				set status = 'COMPLETED', order_id = t.o, total_price = t.p::numeric, message = ?, updated_at = now()
				from unnest(?::bigint[], ?::varchar[], ?::bigint[], ?::text[]) as t(b, q, o, p)
				where r.buyer_id = t.b and r.request_id = t.q
				""").params(message, buyerIds, requestIds, orderIds, totalPrices).update();
	}

	/**
	 * Fails many requests with one statement, each with its reason.
	 */
	public void failAll(long[] buyerIds, String[] requestIds, String[] messages) {
		this.jdbc.sql("""
				update order_requests r set status = 'FAILED', message = t.m, updated_at = now()
				from unnest(?::bigint[], ?::varchar[], ?::text[]) as t(b, q, m)
				where r.buyer_id = t.b and r.request_id = t.q
				""").params(buyerIds, requestIds, messages).update();
	}

	/**
	 * Requests still to be processed that nothing changed since {@code before}, oldest
	 * first: those whose processing was lost (a crash) or failed.
	 */
	public List<OpenRequest> openSince(Instant before, int limit) {
		return this.jdbc.sql("""
				select buyer_id, request_id, org_id from order_requests
				where status in ('PENDING', 'PROCESSING') and updated_at < ?
				order by updated_at limit ?
				""")
			.params(before.atOffset(ZoneOffset.UTC), limit)
			.query((rs, row) -> new OpenRequest(rs.getLong(1), rs.getString(2), rs.getLong(3)))
			.list();
	}

	private static OrderRequest map(ResultSet rs, int row) throws SQLException {
		long orderId = rs.getLong("order_id");
		return new OrderRequest(rs.getLong("buyer_id"), rs.getString("request_id"), rs.getLong("org_id"),
				rs.getString("items"), RequestStatus.valueOf(rs.getString("status")), rs.getString("message"),
				rs.wasNull() ? null : orderId, rs.getBigDecimal("total_price"),
				rs.getObject("updated_at", OffsetDateTime.class).toInstant());
	}

	/**
	 * A request still to be processed.
	 */
	public record OpenRequest(long buyerId, String requestId, long orgId) {
	}

	/**
	 * A stored order request.
	 */
	public record OrderRequest(long buyerId, String requestId, long orgId, String items, RequestStatus status,
			@Nullable String message, @Nullable Long orderId, @Nullable BigDecimal totalPrice, Instant updatedAt) {
	}

}
