package io.orderpulse.identity.internal;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import io.orderpulse.identity.Role;
import io.orderpulse.identity.UsernameTaken;
import io.orderpulse.identity.Usernames;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/**
 * Users in table {@code users}; roles are a text array so one row is one user. Column
 * {@code username_key} holds the username's normal form ({@link Usernames#key(String)}),
 * unique, and is what a username is looked up by.
 */
@Repository
public class UserAccountRepository {

	private static final String COLUMNS = "id, org_id, username, password_hash, display_name, roles, shop_id, email, phone, "
			+ "disabled_at is not null as disabled, deleted_at is not null as deleted";

	private final JdbcClient jdbc;

	UserAccountRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public UserAccount insert(long orgId, String username, String passwordHash, String displayName, Set<Role> roles,
			@Nullable Long shopId, @Nullable String email, @Nullable String phone) {
		GeneratedKeyHolder keys = new GeneratedKeyHolder();
		try {
			this.jdbc.sql("""
					insert into users (org_id, username, username_key, password_hash, display_name, roles, shop_id,
					                   email, phone)
					values (:orgId, :username, :usernameKey, :passwordHash, :displayName, :roles, :shopId, :email,
					        :phone)
					""")
				.param("orgId", orgId)
				.param("username", username)
				.param("usernameKey", Usernames.key(username))
				.param("passwordHash", passwordHash)
				.param("displayName", displayName)
				.param("roles", roles.stream().map(Role::name).sorted().toArray(String[]::new))
				.param("shopId", shopId)
				.param("email", email)
				.param("phone", phone)
				.update(keys, "id");
		}
		catch (DuplicateKeyException ex) {
			throw new UsernameTaken(username);
		}
		long id = keys.getKeyAs(Long.class);
		return new UserAccount(id, orgId, username, passwordHash, displayName, Set.copyOf(roles), shopId, email, phone);
	}

	/**
	 * Inserts many users of one organization in a single statement, all with the same
	 * password hash, display name equal to the username, and the given roles.
	 * @return the new users in the order of {@code usernames}
	 * @throws UsernameTaken if one of the usernames is taken
	 */
	public List<UserAccount> insertMany(long orgId, List<String> usernames, String passwordHash, Set<Role> roles) {
		String[] roleNames = roles.stream().map(Role::name).sorted().toArray(String[]::new);
		Map<String, Long> ids;
		try {
			ids = this.jdbc.sql("""
					insert into users (org_id, username, username_key, password_hash, display_name, roles, shop_id)
					select :orgId, name, name_key, :passwordHash, name, cast(:roles as text[]), null
					from unnest(cast(:usernames as text[]), cast(:keys as text[])) as names (name, name_key)
					returning id, username
					""")
				.param("orgId", orgId)
				.param("passwordHash", passwordHash)
				.param("roles", roleNames)
				.param("usernames", usernames.toArray(String[]::new))
				.param("keys", usernames.stream().map(Usernames::key).toArray(String[]::new))
				.query((rs, row) -> Map.entry(rs.getString("username"), rs.getLong("id")))
				.list()
				.stream()
				.collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
		}
		catch (DuplicateKeyException ex) {
			throw new UsernameTaken(usernames.get(0) + "..." + usernames.get(usernames.size() - 1));
		}
		Set<Role> roleSet = Set.copyOf(roles);
		return usernames.stream()
			.map((name) -> new UserAccount(ids.get(name), orgId, name, passwordHash, name, roleSet, null, null, null))
			.toList();
	}

	public Optional<UserAccount> findById(long id) {
		return this.jdbc.sql("select " + COLUMNS + " from users where id = ?").param(id).query(this::map).optional();
	}

	/**
	 * The user whose username is this one in its normal form.
	 */
	public Optional<UserAccount> findByUsername(String username) {
		return this.jdbc.sql("select " + COLUMNS + " from users where username_key = ?")
			.param(Usernames.key(username))
			.query(this::map)
			.optional();
	}

	/**
	 * Replaces the password hash if it is still {@code oldHash} (another node may have
	 * replaced it at the same time, with a hash just as good).
	 */
	public void replacePasswordHash(long id, String oldHash, String newHash) {
		this.jdbc.sql("update users set password_hash = :newHash where id = :id and password_hash = :oldHash")
			.param("newHash", newHash)
			.param("id", id)
			.param("oldHash", oldHash)
			.update();
	}

	public Optional<UserAccount> findInOrganization(long orgId, long id) {
		return this.jdbc.sql("select " + COLUMNS + " from users where id = ? and org_id = ?")
			.params(id, orgId)
			.query(this::map)
			.optional();
	}

	/**
	 * The organization's user unless it was deleted.
	 */
	public Optional<UserAccount> findExistingInOrganization(long orgId, long id) {
		return this.jdbc.sql("select " + COLUMNS + " from users where id = ? and org_id = ? and deleted_at is null")
			.params(id, orgId)
			.query(this::map)
			.optional();
	}

	/**
	 * Disables the user, which ends every token of the user (a new token version).
	 */
	public void disable(long id) {
		this.jdbc.sql("""
				update users set disabled_at = coalesce(disabled_at, now()), token_version = token_version + 1
				where id = ?""").param(id).update();
	}

	/**
	 * Enables the user, with a new token version.
	 */
	public void enable(long id) {
		this.jdbc.sql("update users set disabled_at = null, token_version = token_version + 1 where id = ?")
			.param(id)
			.update();
	}

	/**
	 * Deletes the user softly: disabled and marked deleted, with a new token version; the
	 * row stays, and with it the username.
	 */
	public void markDeleted(long id) {
		this.jdbc.sql("""
				update users set deleted_at = now(), disabled_at = coalesce(disabled_at, now()),
				    token_version = token_version + 1
				where id = ?""").param(id).update();
	}

	/**
	 * Replaces the user's roles and shop, which ends every token of the user (they carry
	 * the old roles).
	 */
	public void changeRoles(long id, Set<Role> roles, @Nullable Long shopId) {
		this.jdbc.sql("""
				update users set roles = :roles, shop_id = :shopId, token_version = token_version + 1
				where id = :id""")
			.param("roles", roles.stream().map(Role::name).sorted().toArray(String[]::new))
			.param("shopId", shopId)
			.param("id", id)
			.update();
	}

	public List<UserAccount> findAllById(long orgId, List<Long> ids) {
		if (ids.isEmpty()) {
			return List.of();
		}
		return this.jdbc.sql("select " + COLUMNS + " from users where org_id = :orgId and id in (:ids) order by id")
			.param("orgId", orgId)
			.param("ids", ids)
			.query(this::map)
			.list();
	}

	/**
	 * Replaces the user's contact details.
	 * @return whether the user exists
	 */
	public boolean updateContact(long id, @Nullable String email, @Nullable String phone) {
		return this.jdbc.sql("update users set email = :email, phone = :phone where id = :id")
			.param("email", email)
			.param("phone", phone)
			.param("id", id)
			.update() == 1;
	}

	public List<Long> merchantIds(long orgId, long shopId) {
		return this.jdbc
			.sql("select id from users where org_id = ? and shop_id = ? and 'MERCHANT' = any(roles) order by id")
			.params(orgId, shopId)
			.query(Long.class)
			.list();
	}

	public long countInOrganization(long orgId) {
		return this.jdbc.sql("select count(*) from users where org_id = ?").param(orgId).query(Long.class).single();
	}

	public long countAll() {
		return this.jdbc.sql("select count(*) from users").query(Long.class).single();
	}

	/**
	 * Whether any user has the role ADMIN.
	 */
	public boolean hasAdmin() {
		return this.jdbc.sql("select exists (select 1 from users where 'ADMIN' = any(roles))")
			.query(Boolean.class)
			.single();
	}

	public boolean isEmpty() {
		return !this.jdbc.sql("select exists (select 1 from users)").query(Boolean.class).single();
	}

	private UserAccount map(ResultSet rs, int row) throws SQLException {
		return new UserAccount(rs.getLong("id"), rs.getLong("org_id"), rs.getString("username"),
				rs.getString("password_hash"), rs.getString("display_name"), roles(rs.getArray("roles")),
				rs.getObject("shop_id", Long.class), rs.getString("email"), rs.getString("phone"),
				rs.getBoolean("disabled"), rs.getBoolean("deleted"));
	}

	private static Set<Role> roles(Array array) throws SQLException {
		EnumSet<Role> roles = EnumSet.noneOf(Role.class);
		for (Object name : (Object[]) array.getArray()) {
			roles.add(Role.valueOf((String) name));
		}
		return roles;
	}

}
