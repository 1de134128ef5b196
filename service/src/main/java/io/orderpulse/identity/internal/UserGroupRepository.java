package io.orderpulse.identity.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.orderpulse.identity.GroupMember;
import io.orderpulse.identity.GroupNameTaken;
import io.orderpulse.identity.UserGroup;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/**
 * User groups and their members; every query is scoped to one organization.
 */
@Repository
public class UserGroupRepository {

	private static final String SELECT_GROUP = """
			select g.id, g.name, g.description, g.created_at,
			       (select count(*) from user_group_members m where m.group_id = g.id) as member_count
			from user_groups g
			""";

	private final JdbcClient jdbc;

	UserGroupRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public UserGroup insert(long orgId, String name, @Nullable String description) {
		GeneratedKeyHolder keys = new GeneratedKeyHolder();
		try {
			this.jdbc.sql("insert into user_groups (org_id, name, description) values (?, ?, ?)")
				.params(orgId, name, description)
				.update(keys, "id");
		}
		catch (DuplicateKeyException ex) {
			throw new GroupNameTaken(name);
		}
		return find(orgId, keys.getKeyAs(Long.class)).orElseThrow();
	}

	public Optional<UserGroup> find(long orgId, long groupId) {
		return this.jdbc.sql(SELECT_GROUP + " where g.org_id = ? and g.id = ?")
			.params(orgId, groupId)
			.query(UserGroupRepository::map)
			.optional();
	}

	public List<UserGroup> findAll(long orgId) {
		return this.jdbc.sql(SELECT_GROUP + " where g.org_id = ? order by g.name")
			.param(orgId)
			.query(UserGroupRepository::map)
			.list();
	}

	public List<GroupMember> members(long groupId) {
		return this.jdbc.sql("""
				select u.id, u.username, u.display_name from user_group_members m
				join users u on u.id = m.user_id
				where m.group_id = ? order by u.id
				""")
			.param(groupId)
			.query((rs, row) -> new GroupMember(rs.getLong(1), rs.getString(2), rs.getString(3)))
			.list();
	}

	public List<Long> memberIds(long groupId) {
		return this.jdbc.sql("select user_id from user_group_members where group_id = ? order by user_id")
			.param(groupId)
			.query(Long.class)
			.list();
	}

	public List<Long> groupIdsOf(long orgId, long userId) {
		return this.jdbc.sql("""
				select m.group_id from user_group_members m join user_groups g on g.id = m.group_id
				where m.user_id = ? and g.org_id = ? order by m.group_id
				""").params(userId, orgId).query(Long.class).list();
	}

	/**
	 * The ids of the organization's groups each of the users belongs to (users in none
	 * are missing), in one query per thousand users.
	 */
	public Map<Long, List<Long>> groupIdsOf(long orgId, Collection<Long> userIds) {
		Map<Long, List<Long>> groups = new HashMap<>();
		List<Long> ids = List.copyOf(userIds);
		for (int from = 0; from < ids.size(); from += 1000) {
			this.jdbc.sql("""
					select m.user_id, m.group_id from user_group_members m join user_groups g on g.id = m.group_id
					where m.user_id in (:userIds) and g.org_id = :orgId order by m.group_id
					""")
				.param("userIds", ids.subList(from, Math.min(ids.size(), from + 1000)))
				.param("orgId", orgId)
				.query((rs) -> {
					groups.computeIfAbsent(rs.getLong("user_id"), (key) -> new ArrayList<>())
						.add(rs.getLong("group_id"));
				});
		}
		return groups;
	}

	public void addMember(long groupId, long userId) {
		this.jdbc.sql("insert into user_group_members (group_id, user_id) values (?, ?) on conflict do nothing")
			.params(groupId, userId)
			.update();
	}

	public boolean removeMember(long groupId, long userId) {
		return this.jdbc.sql("delete from user_group_members where group_id = ? and user_id = ?")
			.params(groupId, userId)
			.update() > 0;
	}

	private static UserGroup map(ResultSet rs, int row) throws SQLException {
		return new UserGroup(rs.getLong("id"), rs.getString("name"), rs.getString("description"),
				rs.getLong("member_count"), rs.getObject("created_at", OffsetDateTime.class).toInstant());
	}

}
