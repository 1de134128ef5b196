package io.orderpulse.catalog.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.orderpulse.catalog.Product;
import io.orderpulse.catalog.ProductDraft;
import io.orderpulse.catalog.ProductSnapshot;
import io.orderpulse.catalog.ProductStock;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/**
 * Products in table {@code products}. Every read is scoped to an organization (through
 * the product's shop) and skips deleted products.
 */
@Repository
public class ProductRepository {

	private static final String FROM = """
			from products p join shops s on s.id = p.shop_id
			where p.deleted_at is null and s.org_id = :orgId
			""";

	private static final String SELECT = """
			select p.id, p.shop_id, s.name as shop_name, p.name, p.description, p.price, p.stock,
			       p.created_at, p.updated_at
			""" + FROM;

	private final JdbcClient jdbc;

	ProductRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Products of an organization, optionally of one shop and whose name contains a term
	 * regardless of case, newest first (ties by id, so pages are stable).
	 */
	public List<Product> find(long orgId, @Nullable Long shopId, @Nullable String term, int limit, long offset) {
		Map<String, Object> params = new HashMap<>();
		String sql = SELECT + filter(orgId, shopId, term, params)
				+ " order by p.created_at desc, p.id desc limit :limit offset :offset";
		params.put("limit", limit);
		params.put("offset", offset);
		return this.jdbc.sql(sql).params(params).query(ProductRepository::map).list();
	}

	public long count(long orgId, @Nullable Long shopId, @Nullable String term) {
		Map<String, Object> params = new HashMap<>();
		String sql = "select count(*) " + FROM + filter(orgId, shopId, term, params);
		return this.jdbc.sql(sql).params(params).query(Long.class).single();
	}

	private static String filter(long orgId, @Nullable Long shopId, @Nullable String term, Map<String, Object> params) {
		params.put("orgId", orgId);
		StringBuilder filter = new StringBuilder();
		if (shopId != null) {
			filter.append(" and p.shop_id = :shopId");
			params.put("shopId", shopId);
		}
		if (term != null) {
			// matches the trigram index on lower(name); the term's own wildcards are
			// escaped
			filter.append(" and lower(p.name) like lower(:pattern)");
			params.put("pattern", "%" + escapeLike(term) + "%");
		}
		return filter.toString();
	}

	private static String escapeLike(String term) {
		return term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
	}

	public Optional<Product> find(long orgId, long productId) {
		return this.jdbc.sql(SELECT + " and p.id = :id")
			.param("orgId", orgId)
			.param("id", productId)
			.query(ProductRepository::map)
			.optional();
	}

	public List<ProductSnapshot> snapshots(long orgId, Collection<Long> productIds) {
		if (productIds.isEmpty()) {
			return List.of();
		}
		return this.jdbc
			.sql("select p.id, p.shop_id, s.org_id, p.name, p.price " + FROM + " and p.id in (:ids) order by p.id")
			.param("orgId", orgId)
			.param("ids", new ArrayList<>(productIds))
			.query((rs, row) -> new ProductSnapshot(rs.getLong("id"), rs.getLong("shop_id"), rs.getLong("org_id"),
					rs.getString("name"), rs.getBigDecimal("price")))
			.list();
	}

	/**
	 * The products with these ids that are not deleted, of any organization, with their
	 * stock, their rows locked until the transaction ends (in id order: the lock is taken
	 * as the sorted rows are returned).
	 */
	public List<ProductStock> lockStock(Collection<Long> productIds) {
		if (productIds.isEmpty()) {
			return List.of();
		}
		return this.jdbc.sql("""
				select p.id, p.shop_id, s.org_id, p.name, p.price, p.stock
				from products p join shops s on s.id = p.shop_id
				where p.deleted_at is null and p.id = any(?)
				order by p.id
				for update of p
				""")
			.param(productIds.stream().mapToLong(Long::longValue).toArray())
			.query((rs,
					row) -> new ProductStock(new ProductSnapshot(rs.getLong("id"), rs.getLong("shop_id"),
							rs.getLong("org_id"), rs.getString("name"), rs.getBigDecimal("price")), rs.getInt("stock")))
			.list();
	}

	/**
	 * Whether a shop belongs to an organization.
	 */
	public boolean shopExists(long orgId, long shopId) {
		return this.jdbc.sql("select exists (select 1 from shops where id = ? and org_id = ?)")
			.params(shopId, orgId)
			.query(Boolean.class)
			.single();
	}

	public long insert(long shopId, ProductDraft draft) {
		GeneratedKeyHolder keys = new GeneratedKeyHolder();
		this.jdbc.sql("insert into products (shop_id, name, description, price, stock) values (?, ?, ?, ?, ?)")
			.params(shopId, draft.name(), draft.description(), draft.price(), draft.stock())
			.update(keys, "id");
		return keys.getKeyAs(Long.class);
	}

	/**
	 * Changes a product of a shop.
	 * @return whether the shop has the product
	 */
	public boolean update(long shopId, long productId, ProductDraft draft) {
		return this.jdbc.sql("""
				update products set name = ?, description = ?, price = ?, stock = ?, updated_at = now()
				where id = ? and shop_id = ? and deleted_at is null
				""")
			.params(draft.name(), draft.description(), draft.price(), draft.stock(), productId, shopId)
			.update() > 0;
	}

	/**
	 * Deletes a product of a shop softly: the row stays for the orders that refer to it.
	 * @return whether the shop had the product
	 */
	public boolean delete(long shopId, long productId) {
		return this.jdbc.sql("""
				update products set deleted_at = now(), updated_at = now()
				where id = ? and shop_id = ? and deleted_at is null
				""").params(productId, shopId).update() > 0;
	}

	/**
	 * Takes stock if enough is left; the update locks the product's row until the
	 * transaction ends.
	 * @return whether it was taken
	 */
	public boolean takeStock(long productId, int quantity) {
		return this.jdbc.sql("""
				update products set stock = stock - :quantity, updated_at = now()
				where id = :id and stock >= :quantity and deleted_at is null
				""").param("id", productId).param("quantity", quantity).update() > 0;
	}

	/**
	 * Puts stock back, also into a product deleted since it was taken.
	 * @return whether the product exists
	 */
	public boolean returnStock(long productId, int quantity) {
		return this.jdbc.sql("update products set stock = stock + :quantity, updated_at = now() where id = :id")
			.param("id", productId)
			.param("quantity", quantity)
			.update() > 0;
	}

	/**
	 * The name and stock of a product that is not deleted.
	 */
	public Optional<StockLevel> stockLevel(long productId) {
		return this.jdbc.sql("select name, stock from products where id = ? and deleted_at is null")
			.param(productId)
			.query((rs, row) -> new StockLevel(rs.getString(1), rs.getInt(2)))
			.optional();
	}

	private static Product map(ResultSet rs, int row) throws SQLException {
		return new Product(rs.getLong("id"), rs.getLong("shop_id"), rs.getString("shop_name"), rs.getString("name"),
				rs.getString("description"), rs.getBigDecimal("price"), rs.getInt("stock"),
				rs.getObject("created_at", OffsetDateTime.class).toInstant(),
				rs.getObject("updated_at", OffsetDateTime.class).toInstant());
	}

	/**
	 * How many of a product are left.
	 */
	public record StockLevel(String name, int stock) {
	}

}
