package io.orderpulse;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A fresh database on the external PostgreSQL at 127.0.0.1:5432 (override with
 * {@code ORDERPULSE_TEST_PG_URL}), for tests that run the cluster-mode persistence. Each
 * run creates its own database and drops those that earlier runs left behind for over an
 * hour.
 */
public final class ExternalPostgres {

	private static final String SERVER = System.getenv()
		.getOrDefault("ORDERPULSE_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/");

	private static final String USER = System.getenv().getOrDefault("ORDERPULSE_TEST_PG_USER", "postgres");

	private static final String PREFIX = "orderpulse_it_";

	private static final AtomicInteger COUNTER = new AtomicInteger();

	private ExternalPostgres() {
	}

	/**
	 * Creates a new database and points {@code spring.datasource.*} at it, with the
	 * embedded engine switched off.
	 */
	public static void register(DynamicPropertyRegistry registry) {
		createDatabase().forEach((name, value) -> registry.add(name, () -> value));
	}

	/**
	 * Creates a new database.
	 * @return the properties that point {@code spring.datasource.*} at it, with the
	 * embedded engine switched off
	 */
	public static Map<String, String> createDatabase() {
		String database = PREFIX + System.currentTimeMillis() / 1000 + "_" + ProcessHandle.current().pid() + "_"
				+ COUNTER.incrementAndGet();
		try (Connection connection = DriverManager.getConnection(SERVER + "postgres", USER, "");
				Statement statement = connection.createStatement()) {
			dropStale(statement);
			statement.execute("create database " + database);
		}
		catch (SQLException ex) {
			throw new IllegalStateException(
					"PostgreSQL at " + SERVER + " is needed for these tests: " + ex.getMessage(), ex);
		}
		Map<String, String> properties = new LinkedHashMap<>();
		properties.put("orderpulse.database.embedded.enabled", "false");
		properties.put("spring.datasource.url", SERVER + database);
		properties.put("spring.datasource.username", USER);
		properties.put("spring.datasource.password", "");
		return properties;
	}

	private static void dropStale(Statement statement) throws SQLException {
		long hourAgo = System.currentTimeMillis() / 1000 - 3600;
		List<String> stale = new ArrayList<>();
		try (ResultSet rs = statement
			.executeQuery("select datname from pg_database where datname like '" + PREFIX + "%'")) {
			while (rs.next()) {
				String name = rs.getString(1);
				String[] parts = name.substring(PREFIX.length()).split("_");
				if (Long.parseLong(parts[0]) < hourAgo) {
					stale.add(name);
				}
			}
		}
		for (String name : stale) {
			statement.execute("drop database if exists " + name + " with (force)");
		}
	}

}
