package io.orderpulse.routing.channel;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Webhooks in table {@code webhook_endpoints}, one per organization.
 */
@Repository
class WebhookEndpointRepository {

	private final JdbcClient jdbc;

	WebhookEndpointRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Optional<WebhookEndpoint> find(long orgId) {
		return this.jdbc
			.sql("select org_id, url, secret, created_at, updated_at from webhook_endpoints where org_id = ?")
			.param(orgId)
			.query(this::map)
			.optional();
	}

	/**
	 * Sets the URL; a new webhook gets {@code newSecret}, an existing one keeps its
	 * secret.
	 * @return the webhook and whether it is new
	 */
	Saved save(long orgId, String url, String newSecret) {
		return this.jdbc.sql("""
				insert into webhook_endpoints (org_id, url, secret) values (:orgId, :url, :secret)
				on conflict (org_id) do update set url = excluded.url, updated_at = now()
				returning org_id, url, secret, created_at, updated_at, (xmax = 0) as inserted
				""")
			.param("orgId", orgId)
			.param("url", url)
			.param("secret", newSecret)
			.query((rs, row) -> new Saved(map(rs, row), rs.getBoolean("inserted")))
			.single();
	}

	Optional<WebhookEndpoint> replaceSecret(long orgId, String secret) {
		return this.jdbc.sql("""
				update webhook_endpoints set secret = :secret, updated_at = now() where org_id = :orgId
				returning org_id, url, secret, created_at, updated_at
				""").param("secret", secret).param("orgId", orgId).query(this::map).optional();
	}

	boolean delete(long orgId) {
		return this.jdbc.sql("delete from webhook_endpoints where org_id = ?").param(orgId).update() == 1;
	}

	private WebhookEndpoint map(ResultSet rs, int row) throws SQLException {
		return new WebhookEndpoint(rs.getLong("org_id"), rs.getString("url"), rs.getString("secret"),
				rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant());
	}

	record Saved(WebhookEndpoint endpoint, boolean created) {
	}

}
