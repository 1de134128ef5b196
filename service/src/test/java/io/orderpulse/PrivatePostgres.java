package io.orderpulse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A PostgreSQL server of a test's own: a data directory created with {@code initdb} and a
 * server on a free port, run with the installed binaries ({@code pg_ctl}, found under
 * {@code /usr/lib/postgresql/<version>/bin} or set with {@code ORDERPULSE_TEST_PG_BIN}),
 * as user {@code postgres} when the tests run as root. A test can stop it (as a crash:
 * {@code pg_ctl stop -m immediate}) and start it again on the same port with the same
 * data, without touching the PostgreSQL other tests share. Removed by {@link #close()}.
 */
public final class PrivatePostgres implements AutoCloseable {

	private static final String USER = "postgres";

	private final Path bin;

	private final Path dir;

	private final Path data;

	private final int port = PrivateEngines.freePort();

	private boolean running;

	private PrivatePostgres() {
		this.bin = binaries();
		this.dir = PrivateEngines.directory("orderpulse-pg-", USER);
		this.data = this.dir.resolve("data");
	}

	/**
	 * Creates the data directory and starts the server.
	 */
	public static PrivatePostgres start() {
		PrivatePostgres postgres = new PrivatePostgres();
		try {
			postgres.pg(List.of("initdb", "-D", postgres.data.toString(), "-U", USER, "-A", "trust", "-E", "UTF8",
					"--no-sync"), 60);
			postgres.startServer();
			return postgres;
		}
		catch (RuntimeException ex) {
			postgres.close();
			throw ex;
		}
	}

	/**
	 * The properties that point a node's {@code spring.datasource.*} at this server's
	 * {@code postgres} database, with the embedded engine switched off.
	 */
	public Map<String, String> datasource() {
		Map<String, String> properties = new LinkedHashMap<>();
		properties.put("orderpulse.database.embedded.enabled", "false");
		properties.put("spring.datasource.url", jdbcUrl());
		properties.put("spring.datasource.username", USER);
		properties.put("spring.datasource.password", "");
		return properties;
	}

	public String jdbcUrl() {
		return "jdbc:postgresql://127.0.0.1:" + this.port + "/postgres";
	}

	/**
	 * Stops the server at once, as a crash would (open connections break, nothing is
	 * flushed; the data directory is recovered on the next start).
	 */
	public void stop() {
		if (this.running) {
			this.running = false;
			pg(List.of("pg_ctl", "-D", this.data.toString(), "-m", "immediate", "-w", "stop"), 30);
		}
	}

	/**
	 * Starts the stopped server again, on the same port with the same data.
	 */
	public void startAgain() {
		if (!this.running) {
			startServer();
		}
	}

	private void startServer() {
		pg(List.of("pg_ctl", "-D", this.data.toString(), "-l", this.dir.resolve("server.log").toString(), "-w", "-t",
				"60", "-o", "-p " + this.port + " -k " + this.dir + " -c listen_addresses=127.0.0.1 -c fsync=off",
				"start"), 90);
		this.running = true;
	}

	private void pg(List<String> command, int seconds) {
		List<String> full = new ArrayList<>(command);
		full.set(0, this.bin.resolve(command.get(0)).toString());
		PrivateEngines.run(PrivateEngines.as(USER, full), Map.of(), this.dir, seconds);
	}

	@Override
	public void close() {
		try {
			stop();
		}
		catch (RuntimeException ex) {
			// the directory goes anyway
		}
		PrivateEngines.delete(this.dir);
	}

	private static Path binaries() {
		String configured = System.getenv("ORDERPULSE_TEST_PG_BIN");
		if (configured != null) {
			return Path.of(configured);
		}
		Path[] versions = Path.of("/usr/lib/postgresql").toFile().exists()
				? Arrays.stream(Path.of("/usr/lib/postgresql").toFile().listFiles())
					.map((file) -> file.toPath().resolve("bin"))
					.filter((bin) -> Files.isExecutable(bin.resolve("pg_ctl")))
					.toArray(Path[]::new)
				: new Path[0];
		return Arrays.stream(versions)
			.max(Comparator.comparing((Path bin) -> Integer.parseInt(bin.getParent().getFileName().toString())))
			.orElseThrow(() -> new IllegalStateException(
					"These tests need the PostgreSQL server binaries (initdb, pg_ctl): install them under "
							+ "/usr/lib/postgresql/<version>/bin or set ORDERPULSE_TEST_PG_BIN"));
	}

}
