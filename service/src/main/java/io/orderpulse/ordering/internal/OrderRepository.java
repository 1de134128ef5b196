package io.orderpulse.ordering.internal;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.orderpulse.ordering.OrderStatus;
import io.orderpulse.ordering.OrderView;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/**
 * Orders and their items. Status changes are compare-and-set on the current status, so
 * two concurrent changes cannot both win.
 */
@Repository
public class OrderRepository {

	private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC);

	private final JdbcClient jdbc;

	OrderRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Creates an order awaiting payment; its number is the day and the id.
	 * @return the order's id and number
	 */
	public NewOrder insert(String requestId, long buyerId, long orgId, long shopId, BigDecimal total,
			List<OrderView.Item> items) {
		return insert(requestId, buyerId, orgId, shopId, total, items, true, null);
	}

	/**
	 * Creates an order awaiting payment.
	 * @param catalogStock whether the order takes (and on cancellation returns) catalog
	 * stock; a fixed-price order does not
	 * @param pointsPrice the order's own price in points, if it has one
	 * @return the order's id and number
	 */
	public NewOrder insert(String requestId, long buyerId, long orgId, long shopId, BigDecimal total,
			List<OrderView.Item> items, boolean catalogStock, @Nullable Long pointsPrice) {
		GeneratedKeyHolder keys = new GeneratedKeyHolder();
		this.jdbc
			.sql("""
					insert into orders (request_id, buyer_id, org_id, shop_id, status, total_price, catalog_stock, points_price)
					values (?, ?, ?, ?, 'PENDING_PAYMENT', ?, ?, ?)
					""")
			.params(requestId, buyerId, orgId, shopId, total, catalogStock, pointsPrice)
			.update(keys, "id");
		long id = keys.getKeyAs(Long.class);
		String orderNumber = DAY.format(Instant.now()) + String.format("%08d", id);
		this.jdbc.sql("update orders set order_number = ? where id = ?").params(orderNumber, id).update();
		for (OrderView.Item item : items) {
			this.jdbc
				.sql("""
						insert into order_items (order_id, product_id, product_name, unit_price, quantity) values (?, ?, ?, ?, ?)
						""")
				.params(id, item.productId(), item.productName(), item.unitPrice(), item.quantity())
				.update();
		}
		return new NewOrder(id, orderNumber);
	}

	/**
	 * Creates many orders awaiting payment, each taking catalog stock, with three
	 * statements for all of them (their ids, the orders, their items) instead of two plus
	 * one per item each.
	 * @return each order's id and number, in the order given
	 */
	public List<NewOrder> insertAll(List<OrderDraft> drafts) {
		if (drafts.isEmpty()) {
			return List.of();
		}
		List<Long> ids = this.jdbc
			.sql("select nextval(pg_get_serial_sequence('orders', 'id')) from generate_series(1, ?)")
			.param(drafts.size())
			.query(Long.class)
			.list();
		String day = DAY.format(Instant.now());
		int size = drafts.size();
		long[] orderIds = new long[size];
		String[] numbers = new String[size];
		String[] requestIds = new String[size];
		long[] buyerIds = new long[size];
		long[] orgIds = new long[size];
		long[] shopIds = new long[size];
		String[] totals = new String[size];
		int lineCount = drafts.stream().mapToInt((draft) -> draft.items().size()).sum();
		long[] lineOrders = new long[lineCount];
		long[] products = new long[lineCount];
		String[] names = new String[lineCount];
		String[] prices = new String[lineCount];
		int[] quantities = new int[lineCount];
		List<NewOrder> created = new ArrayList<>(size);
		int line = 0;
		for (int i = 0; i < size; i++) {
			OrderDraft draft = drafts.get(i);
			orderIds[i] = ids.get(i);
			numbers[i] = day + String.format("%08d", orderIds[i]);
			requestIds[i] = draft.requestId();
			buyerIds[i] = draft.buyerId();
			orgIds[i] = draft.orgId();
			shopIds[i] = draft.shopId();
			totals[i] = draft.total().toPlainString();
			created.add(new NewOrder(orderIds[i], numbers[i]));
			for (OrderView.Item item : draft.items()) {
				lineOrders[line] = orderIds[i];
				products[line] = item.productId();
				names[line] = item.productName();
				prices[line] = item.unitPrice().toPlainString();
				quantities[line] = item.quantity();
				line++;
			}
		}
		this.jdbc
			.sql("""
					insert into orders (id, order_number, request_id, buyer_id, org_id, shop_id, status, total_price, catalog_stock)
					overriding system value
					select t.id, t.n, t.r, t.b, t.o, t.s, 'PENDING_PAYMENT', t.p::numeric, true
					from unnest(?::bigint[], ?::varchar[], ?::varchar[], ?::bigint[], ?::bigint[], ?::bigint[], ?::text[])
					as t(id, n, r, b, o, s, p)
					""")
			.params(orderIds, numbers, requestIds, buyerIds, orgIds, shopIds, totals)
			.update();
		this.jdbc.sql("""
				insert into order_items (order_id, product_id, product_name, unit_price, quantity)
				select t.o, t.p, t.n, t.u::numeric, t.q
				from unnest(?::bigint[], ?::bigint[], ?::varchar[], ?::text[], ?::int[]) as t(o, p, n, u, q)
				""").params(lineOrders, products, names, prices, quantities).update();
		return created;
	}

	public Optional<OrderView> find(long orderId) {
		List<OrderView> found = load("where o.id = ?", List.of(orderId), 1, 0);
		return found.stream().findFirst();
	}

	public List<OrderView> findByBuyer(long buyerId, @Nullable OrderStatus status, int limit, long offset) {
		return (status != null)
				? load("where o.buyer_id = ? and o.status = ?", List.of(buyerId, status.name()), limit, offset)
				: load("where o.buyer_id = ?", List.of(buyerId), limit, offset);
	}

	public long countByBuyer(long buyerId, @Nullable OrderStatus status) {
		return (status != null)
				? this.jdbc.sql("select count(*) from orders where buyer_id = ? and status = ?")
					.params(buyerId, status.name())
					.query(Long.class)
					.single()
				: this.jdbc.sql("select count(*) from orders where buyer_id = ?")
					.param(buyerId)
					.query(Long.class)
					.single();
	}

	public List<OrderView> findByShop(long shopId, @Nullable OrderStatus status, int limit, long offset) {
		return (status != null)
				? load("where o.shop_id = ? and o.status = ?", List.of(shopId, status.name()), limit, offset)
				: load("where o.shop_id = ?", List.of(shopId), limit, offset);
	}

	public long countByShop(long shopId, @Nullable OrderStatus status) {
		return (status != null)
				? this.jdbc.sql("select count(*) from orders where shop_id = ? and status = ?")
					.params(shopId, status.name())
					.query(Long.class)
					.single()
				: this.jdbc.sql("select count(*) from orders where shop_id = ?")
					.param(shopId)
					.query(Long.class)
					.single();
	}

	/**
	 * Whether the order took catalog stock (a fixed-price order did not).
	 */
	public boolean tookCatalogStock(long orderId) {
		return this.jdbc.sql("select catalog_stock from orders where id = ?")
			.param(orderId)
			.query(Boolean.class)
			.single();
	}

	public long orgOf(long orderId) {
		return this.jdbc.sql("select org_id from orders where id = ?").param(orderId).query(Long.class).single();
	}

	/**
	 * Moves an order from one status to another if it is still in the first.
	 * @return whether this call changed it
	 */
	public boolean transition(long orderId, OrderStatus from, OrderStatus to, @Nullable String reason) {
		return this.jdbc.sql("""
				update orders set status = ?, updated_at = now(),
				       paid_at = case when ? = 'PAID' then now() else paid_at end,
				       cancel_reason = coalesce(?, cancel_reason)
				where id = ? and status = ?
				""").params(to.name(), to.name(), reason, orderId, from.name()).update() == 1;
	}

	/**
	 * Records a reminder unless the last one was less than {@code interval} ago.
	 * @return whether the reminder may be sent
	 */
	public boolean remind(long orderId, Instant now, Instant notBefore) {
		return this.jdbc.sql("""
				update orders set last_reminded_at = ?
				where id = ? and (last_reminded_at is null or last_reminded_at <= ?)
				""").params(at(now), orderId, at(notBefore)).update() == 1;
	}

	public @Nullable Instant lastRemindedAt(long orderId) {
		OffsetDateTime at = this.jdbc.sql("select last_reminded_at from orders where id = ?")
			.param(orderId)
			.query(OffsetDateTime.class)
			.single();
		return (at != null) ? at.toInstant() : null;
	}

	/**
	 * Locks the order's row until the transaction ends, so changes of one order that read
	 * before they write (refunds) happen one after the other.
	 */
	public void lock(long orderId) {
		this.jdbc.sql("select id from orders where id = ? for update").param(orderId).query(Long.class).optional();
	}

	/**
	 * Ids of unpaid orders created before a time: catalog ones (which took catalog stock)
	 * or fixed-price ones, which have their own payment timeout.
	 */
	public List<Long> idsUnpaidSince(Instant changedBefore, boolean catalogStock, int limit) {
		return this.jdbc.sql("""
				select id from orders
				where status = 'PENDING_PAYMENT' and catalog_stock = ? and updated_at < ? order by id limit ?
				""").params(catalogStock, at(changedBefore), limit).query(Long.class).list();
	}

	/**
	 * Ids of orders in a status whose last change is older than a time.
	 */
	public List<Long> idsInStatusSince(OrderStatus status, Instant changedBefore, int limit) {
		return this.jdbc.sql("select id from orders where status = ? and updated_at < ? order by id limit ?")
			.params(status.name(), at(changedBefore), limit)
			.query(Long.class)
			.list();
	}

	private List<OrderView> load(String where, List<Object> params, int limit, long offset) {
		List<Object> all = new ArrayList<>(params);
		all.add(limit);
		all.add(offset);
		Map<Long, Row> rows = new LinkedHashMap<>();
		this.jdbc.sql("select o.* from orders o " + where + " order by o.created_at desc, o.id desc limit ? offset ?")
			.params(all)
			.query((rs, n) -> rows.put(rs.getLong("id"), row(rs)))
			.list();
		if (rows.isEmpty()) {
			return List.of();
		}
		Map<Long, List<OrderView.Item>> items = items(rows.keySet());
		return rows.values().stream().map((row) -> row.view(items.getOrDefault(row.id(), List.of()))).toList();
	}

	private Map<Long, List<OrderView.Item>> items(Collection<Long> orderIds) {
		Map<Long, List<OrderView.Item>> items = new LinkedHashMap<>();
		this.jdbc.sql("select * from order_items where order_id in (:ids) order by order_id, product_id")
			.param("ids", orderIds)
			.query((rs, n) -> {
				BigDecimal unitPrice = rs.getBigDecimal("unit_price");
				int quantity = rs.getInt("quantity");
				return items.computeIfAbsent(rs.getLong("order_id"), (id) -> new ArrayList<>())
					.add(new OrderView.Item(rs.getLong("product_id"), rs.getString("product_name"), unitPrice, quantity,
							unitPrice.multiply(BigDecimal.valueOf(quantity))));
			})
			.list();
		return items;
	}

	private static Row row(ResultSet rs) throws SQLException {
		return new Row(rs.getLong("id"), rs.getString("order_number"), rs.getString("request_id"),
				rs.getLong("buyer_id"), rs.getLong("shop_id"), OrderStatus.valueOf(rs.getString("status")),
				rs.getBigDecimal("total_price"), rs.getString("cancel_reason"), instant(rs, "created_at"),
				instant(rs, "updated_at"), instant(rs, "paid_at"), rs.getObject("points_price", Long.class));
	}

	private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
		return (value != null) ? value.toInstant() : null;
	}

	private static OffsetDateTime at(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

	private record Row(long id, String orderNumber, String requestId, long buyerId, long shopId, OrderStatus status,
			BigDecimal totalPrice, @Nullable String cancelReason, @Nullable Instant createdAt,
			@Nullable Instant updatedAt, @Nullable Instant paidAt, @Nullable Long pointsPrice) {

		OrderView view(List<OrderView.Item> items) {
			return new OrderView(this.id, this.orderNumber, this.requestId, this.buyerId, this.shopId, this.status,
					this.totalPrice, items, this.cancelReason, this.createdAt, this.updatedAt, this.paidAt,
					this.pointsPrice);
		}

	}

	/** A created order's id and number. */
	/**
	 * An order to create with {@link #insertAll}.
	 */
	public record OrderDraft(String requestId, long buyerId, long orgId, long shopId, BigDecimal total,
			List<OrderView.Item> items) {
	}

	public record NewOrder(long id, String orderNumber) {
	}

}
