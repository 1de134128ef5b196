package io.orderpulse.messagecenter.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.orderpulse.messagecenter.MessageTemplate;
import io.orderpulse.messagecenter.MessageType;
import io.orderpulse.messagecenter.Priority;
import io.orderpulse.messagecenter.TemplateDraft;
import io.orderpulse.messagecenter.TemplateVariable;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Message templates in table {@code message_templates}; every query is scoped to an
 * organization.
 */
@Repository
public class TemplateRepository {

	private static final TypeReference<List<TemplateVariable>> VARIABLES = new TypeReference<>() {
	};

	private final JdbcClient jdbc;

	private final JsonMapper json;

	TemplateRepository(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	/**
	 * @throws DuplicateKeyException if the organization has a template of that name
	 */
	public MessageTemplate insert(long orgId, long createdBy, TemplateDraft draft) {
		long id = this.jdbc.sql("""
				insert into message_templates (org_id, name, description, category, message_type, priority, title,
				                               content, variables, enabled, created_by)
				values (:orgId, :name, :description, :category, :messageType, :priority, :title, :content,
				        cast(:variables as jsonb), :enabled, :createdBy)
				returning id
				""")
			.params(params(draft))
			.param("orgId", orgId)
			.param("createdBy", createdBy)
			.query(Long.class)
			.single();
		return find(orgId, id).orElseThrow();
	}

	/**
	 * @return whether the organization has the template
	 * @throws DuplicateKeyException if the organization has another template of that name
	 */
	public boolean update(long orgId, long templateId, TemplateDraft draft) {
		return this.jdbc.sql("""
				update message_templates
				set name = :name, description = :description, category = :category, message_type = :messageType,
				    priority = :priority, title = :title, content = :content, variables = cast(:variables as jsonb),
				    enabled = :enabled, update_time = now()
				where org_id = :orgId and id = :id
				""").params(params(draft)).param("orgId", orgId).param("id", templateId).update() == 1;
	}

	public boolean delete(long orgId, long templateId) {
		return this.jdbc.sql("delete from message_templates where org_id = ? and id = ?")
			.params(orgId, templateId)
			.update() == 1;
	}

	public Optional<MessageTemplate> find(long orgId, long templateId) {
		return this.jdbc.sql("select * from message_templates where org_id = ? and id = ?")
			.params(orgId, templateId)
			.query(this::map)
			.optional();
	}

	/**
	 * The organization's templates, newest first, optionally of one category and enabled
	 * state.
	 */
	public List<MessageTemplate> list(long orgId, @Nullable String category, @Nullable Boolean enabled, int limit,
			long offset) {
		Map<String, Object> params = new HashMap<>();
		return this.jdbc
			.sql("select * from message_templates" + where(orgId, category, enabled, params)
					+ " order by id desc limit :limit offset :offset")
			.params(params)
			.param("limit", limit)
			.param("offset", offset)
			.query(this::map)
			.list();
	}

	public long count(long orgId, @Nullable String category, @Nullable Boolean enabled) {
		Map<String, Object> params = new HashMap<>();
		return this.jdbc.sql("select count(*) from message_templates" + where(orgId, category, enabled, params))
			.params(params)
			.query(Long.class)
			.single();
	}

	private static String where(long orgId, @Nullable String category, @Nullable Boolean enabled,
			Map<String, Object> params) {
		StringBuilder where = new StringBuilder(" where org_id = :orgId");
		params.put("orgId", orgId);
		if (category != null) {
			where.append(" and category = :category");
			params.put("category", category);
		}
		if (enabled != null) {
			where.append(" and enabled = :enabled");
			params.put("enabled", enabled);
		}
		return where.toString();
	}

	private Map<String, Object> params(TemplateDraft draft) {
		Map<String, Object> params = new HashMap<>();
		params.put("name", draft.name());
		params.put("description", draft.description());
		params.put("category", draft.category());
		params.put("messageType", draft.messageType().name());
		params.put("priority", draft.priority().name());
		params.put("title", draft.title());
		params.put("content", draft.content());
		params.put("variables", this.json.writeValueAsString(draft.variables()));
		params.put("enabled", draft.enabled());
		return params;
	}

	private MessageTemplate map(ResultSet rs, int row) throws SQLException {
		return new MessageTemplate(rs.getLong("id"), rs.getString("name"), rs.getString("description"),
				rs.getString("category"), MessageType.valueOf(rs.getString("message_type")),
				Priority.valueOf(rs.getString("priority")), rs.getString("title"), rs.getString("content"),
				this.json.readValue(rs.getString("variables"), VARIABLES), rs.getBoolean("enabled"),
				rs.getLong("org_id"), rs.getObject("created_by", Long.class),
				rs.getTimestamp("create_time").toInstant(), rs.getTimestamp("update_time").toInstant());
	}

}
