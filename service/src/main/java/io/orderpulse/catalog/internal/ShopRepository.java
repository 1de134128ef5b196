package io.orderpulse.catalog.internal;

import java.math.BigDecimal;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/**
 * Shops and products in tables {@code shops} and {@code products}.
 */
@Repository
public class ShopRepository {

	private final JdbcClient jdbc;

	ShopRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public long insertShop(long orgId, String name) {
		GeneratedKeyHolder keys = new GeneratedKeyHolder();
		this.jdbc.sql("insert into shops (org_id, name) values (?, ?)").params(orgId, name).update(keys, "id");
		return keys.getKeyAs(Long.class);
	}

	/**
	 * Whether the shop exists in the organization.
	 */
	public boolean exists(long orgId, long shopId) {
		return this.jdbc.sql("select exists (select 1 from shops where id = ? and org_id = ?)")
			.params(shopId, orgId)
			.query(Boolean.class)
			.single();
	}

	public long insertProduct(long shopId, String name, BigDecimal price, int stock) {
		GeneratedKeyHolder keys = new GeneratedKeyHolder();
		this.jdbc.sql("insert into products (shop_id, name, price, stock) values (?, ?, ?, ?)")
			.params(shopId, name, price, stock)
			.update(keys, "id");
		return keys.getKeyAs(Long.class);
	}

}
