package io.orderpulse.identity.internal;

import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Organizations (tenants) in table {@code organizations}; names are unique.
 */
@Repository
public class OrganizationRepository {

	private final JdbcClient jdbc;

	OrganizationRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * The id of the organization with this name, created if there is none yet (safe under
	 * concurrent callers).
	 */
	public long ensure(String name) {
		this.jdbc.sql("insert into organizations (name) values (?) on conflict (name) do nothing").param(name).update();
		return findIdByName(name).orElseThrow();
	}

	public Optional<Long> findIdByName(String name) {
		return this.jdbc.sql("select id from organizations where name = ?").param(name).query(Long.class).optional();
	}

}
