package io.orderpulse.flashsale.internal;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.orderpulse.flashsale.FlashSaleItem;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/**
 * Sessions, items and the durable admission records. Every change of an admission also
 * moves the item's {@code remaining} column in the same transaction, so the two never
 * disagree and the column can never go below zero.
 */
@Repository
public class FlashSaleRepository {

	private static final String ITEMS = """
			select i.*, s.name as session_name, s.org_id, s.start_time, s.end_time
			from flash_sale_items i join flash_sale_sessions s on s.id = i.session_id
			""";

	private final JdbcClient jdbc;

	FlashSaleRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public long insertSession(long orgId, String name, Instant startTime, Instant endTime) {
		GeneratedKeyHolder keys = new GeneratedKeyHolder();
		this.jdbc.sql("insert into flash_sale_sessions (org_id, name, start_time, end_time) values (?, ?, ?, ?)")
			.params(orgId, name, at(startTime), at(endTime))
			.update(keys, "id");
		return keys.getKeyAs(Long.class);
	}

	public long insertItem(long sessionId, long productId, long shopId, String productName, BigDecimal flashPrice,
			int stock, @Nullable Long pointsPrice) {
		GeneratedKeyHolder keys = new GeneratedKeyHolder();
		this.jdbc
			.sql("""
					insert into flash_sale_items (session_id, product_id, shop_id, product_name, flash_price, stock, remaining, points_price)
					values (?, ?, ?, ?, ?, ?, ?, ?)
					""")
			.params(sessionId, productId, shopId, productName, flashPrice, stock, stock, pointsPrice)
			.update(keys, "id");
		return keys.getKeyAs(Long.class);
	}

	public Optional<FlashSaleItem> findItem(long itemId) {
		return this.jdbc.sql(ITEMS + " where i.id = ?").param(itemId).query(FlashSaleRepository::item).optional();
	}

	/**
	 * The organization's items whose sale has not ended, soonest first.
	 */
	public List<FlashSaleItem> findOpen(long orgId, Instant now) {
		return this.jdbc.sql(ITEMS + " where s.org_id = ? and s.end_time > ? order by s.start_time, i.id")
			.params(orgId, at(now))
			.query(FlashSaleRepository::item)
			.list();
	}

	/**
	 * The ids of all items whose sale has not ended.
	 */
	public List<Long> findOpenIds(Instant now) {
		return this.jdbc.sql("""
				select i.id from flash_sale_items i join flash_sale_sessions s on s.id = i.session_id
				where s.end_time > ?
				""").param(at(now)).query(Long.class).list();
	}

	/**
	 * The users with an admission to the item that was not released, each with the time
	 * it was recorded.
	 */
	public Map<Long, Instant> admittedUsers(long itemId) {
		Map<Long, Instant> admitted = new HashMap<>();
		this.jdbc.sql("select user_id, created_at from flash_sale_purchases where item_id = ? and status <> 'RELEASED'")
			.param(itemId)
			.query((rs) -> {
				admitted.put(rs.getLong("user_id"), rs.getObject("created_at", OffsetDateTime.class).toInstant());
			});
		return admitted;
	}

	/**
	 * Records an admission (again, if the user's earlier one was released) and takes one
	 * unit of the item's remaining stock.
	 * @return false if the user holds an admission already or nothing is left
	 */
	public boolean admit(long itemId, long userId, String requestId) {
		return admitAll(itemId, new long[] { userId }, new String[] { requestId });
	}

	/**
	 * Records many admissions of one item at once (again, for users whose earlier one was
	 * released) and takes their units of the item's remaining stock: two statements for
	 * the whole list.
	 * @param userIds the admitted users, each once
	 * @param requestIds their request ids, in the same order
	 * @return whether all were recorded; false (the caller rolls back) if any user holds
	 * an admission already or fewer units are left than admitted
	 */
	public boolean admitAll(long itemId, long[] userIds, String[] requestIds) {
		int recorded = this.jdbc.sql("""
				insert into flash_sale_purchases (item_id, user_id, request_id, status)
				select ?, u, r, 'ADMITTED' from unnest(?::bigint[], ?::varchar[]) as a(u, r)
				on conflict (item_id, user_id) do update
				set request_id = excluded.request_id, order_id = null, status = 'ADMITTED', created_at = now()
				where flash_sale_purchases.status = 'RELEASED'
				""").params(itemId, userIds, requestIds).update();
		return recorded == userIds.length && this.jdbc
			.sql("update flash_sale_items set remaining = remaining - ? where id = ? and remaining >= ?")
			.params(recorded, itemId, recorded)
			.update() == 1;
	}

	/**
	 * Admissions still ADMITTED (not ordered, failed or released) made before a time,
	 * oldest first.
	 */
	public List<Purchase> admittedBefore(Instant before, int limit) {
		return this.jdbc.sql(
				"select * from flash_sale_purchases where status = 'ADMITTED' and created_at < ? order by created_at limit ?")
			.params(at(before), limit)
			.query(FlashSaleRepository::purchase)
			.list();
	}

	/**
	 * The user's admission to the item, locked until the transaction ends.
	 */
	public Optional<Purchase> lockPurchase(long itemId, long userId) {
		return this.jdbc.sql("select * from flash_sale_purchases where item_id = ? and user_id = ? for update")
			.params(itemId, userId)
			.query(FlashSaleRepository::purchase)
			.optional();
	}

	public void markOrdered(long itemId, long userId, long orderId) {
		this.jdbc.sql("""
				update flash_sale_purchases set status = 'ORDERED', order_id = ?
				where item_id = ? and user_id = ? and status = 'ADMITTED'
				""").params(orderId, itemId, userId).update();
	}

	/**
	 * Releases an admission that has not become an order and returns its unit of stock.
	 * @return whether this call released it
	 */
	public boolean releaseAdmitted(long itemId, long userId, String requestId) {
		boolean released = this.jdbc.sql("""
				update flash_sale_purchases set status = 'RELEASED'
				where item_id = ? and user_id = ? and request_id = ? and status = 'ADMITTED'
				""").params(itemId, userId, requestId).update() == 1;
		if (released) {
			giveBack(itemId);
		}
		return released;
	}

	/**
	 * Releases the admission that became this order and returns its unit of stock.
	 * @return the released admission, if the order was a flash-sale order not released
	 * before
	 */
	public Optional<Purchase> releaseOrdered(long orderId) {
		Optional<Purchase> released = this.jdbc.sql("""
				update flash_sale_purchases set status = 'RELEASED'
				where order_id = ? and status = 'ORDERED' returning *
				""").param(orderId).query(FlashSaleRepository::purchase).optional();
		released.ifPresent((purchase) -> giveBack(purchase.itemId()));
		return released;
	}

	private void giveBack(long itemId) {
		this.jdbc.sql("update flash_sale_items set remaining = remaining + 1 where id = ?").param(itemId).update();
	}

	private static OffsetDateTime at(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

	private static FlashSaleItem item(ResultSet rs, int row) throws SQLException {
		long points = rs.getLong("points_price");
		Long pointsPrice = rs.wasNull() ? null : points;
		return new FlashSaleItem(rs.getLong("id"), rs.getLong("session_id"), rs.getString("session_name"),
				rs.getLong("org_id"), rs.getLong("shop_id"), rs.getLong("product_id"), rs.getString("product_name"),
				rs.getBigDecimal("flash_price"), pointsPrice, rs.getInt("stock"), rs.getInt("remaining"),
				rs.getObject("start_time", OffsetDateTime.class).toInstant(),
				rs.getObject("end_time", OffsetDateTime.class).toInstant());
	}

	private static Purchase purchase(ResultSet rs, int row) throws SQLException {
		long orderId = rs.getLong("order_id");
		Long order = rs.wasNull() ? null : orderId;
		return new Purchase(rs.getLong("item_id"), rs.getLong("user_id"), rs.getString("request_id"), order,
				rs.getString("status"));
	}

	/**
	 * A user's admission to an item: ADMITTED, ORDERED (with its order) or RELEASED.
	 */
	public record Purchase(long itemId, long userId, String requestId, @Nullable Long orderId, String status) {
	}

}
