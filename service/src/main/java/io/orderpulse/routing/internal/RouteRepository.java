package io.orderpulse.routing.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.orderpulse.routing.RouteAction;
import io.orderpulse.routing.RouteCondition;
import io.orderpulse.routing.RouteJson;
import io.orderpulse.routing.RouteJson.RouteDraft;
import io.orderpulse.routing.RouteRule;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The organizations' routing rules; condition and action stored as JSON in the API's
 * shape.
 */
@Repository
public class RouteRepository {

	private final JdbcClient jdbc;

	private final JsonMapper json;

	RouteRepository(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	/**
	 * The organization's rules in evaluation order.
	 */
	public List<RouteRule> list(long orgId) {
		return this.jdbc.sql("select * from message_routes where org_id = :orgId order by priority, id")
			.param("orgId", orgId)
			.query(this::rule)
			.list();
	}

	public Optional<RouteRule> find(long orgId, long id) {
		return this.jdbc.sql("select * from message_routes where org_id = :orgId and id = :id")
			.param("orgId", orgId)
			.param("id", id)
			.query(this::rule)
			.optional();
	}

	public RouteRule insert(long orgId, RouteDraft draft, Instant now) {
		return this.jdbc
			.sql("""
					insert into message_routes (org_id, name, priority, enabled, condition, action, created_time, updated_time)
					values (:orgId, :name, :priority, :enabled, cast(:condition as jsonb), cast(:action as jsonb), :now, :now)
					returning *
					""")
			.param("orgId", orgId)
			.params(columns(draft, now))
			.query(this::rule)
			.single();
	}

	public Optional<RouteRule> update(long orgId, long id, RouteDraft draft, Instant now) {
		return this.jdbc.sql("""
				update message_routes set name = :name, priority = :priority, enabled = :enabled,
				       condition = cast(:condition as jsonb), action = cast(:action as jsonb), updated_time = :now
				where org_id = :orgId and id = :id
				returning *
				""").param("orgId", orgId).param("id", id).params(columns(draft, now)).query(this::rule).optional();
	}

	/**
	 * The columns a draft sets, as named parameters of the insert and the update.
	 */
	private static Map<String, Object> columns(RouteDraft draft, Instant now) {
		return Map.of("name", draft.name(), "priority", draft.priority(), "enabled", draft.enabled(), "condition",
				RouteJson.write(draft.condition()).toString(), "action", RouteJson.write(draft.action()).toString(),
				"now", OffsetDateTime.ofInstant(now, java.time.ZoneOffset.UTC));
	}

	public boolean delete(long orgId, long id) {
		return this.jdbc.sql("delete from message_routes where org_id = :orgId and id = :id")
			.param("orgId", orgId)
			.param("id", id)
			.update() > 0;
	}

	private RouteRule rule(ResultSet rs, int row) throws SQLException {
		RouteJson reader = new RouteJson();
		RouteCondition condition = reader.condition(this.json.readTree(rs.getString("condition")), "condition.");
		RouteAction action = reader.action(this.json.readTree(rs.getString("action")), "action.");
		if (!reader.problems().isEmpty() || action == null) {
			throw new IllegalStateException("Stored rule " + rs.getLong("id") + " is invalid: " + reader.problems());
		}
		return new RouteRule(rs.getLong("id"), rs.getString("name"), rs.getInt("priority"), rs.getBoolean("enabled"),
				(condition != null) ? condition : RouteCondition.ANY, action,
				rs.getObject("created_time", OffsetDateTime.class).toInstant(),
				rs.getObject("updated_time", OffsetDateTime.class).toInstant());
	}

}
