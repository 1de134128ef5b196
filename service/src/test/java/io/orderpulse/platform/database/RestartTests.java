package io.orderpulse.platform.database;

import java.nio.file.Files;
import java.nio.file.Path;

import javax.sql.DataSource;

import io.orderpulse.OrderPulseApplication;
import io.orderpulse.identity.UserAccounts;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded database keeps its data directory, durably: what was written before a
 * restart is there after it.
 */
@Tag("integration")
class RestartTests {

	@TempDir
	Path dataDir;

	@Test
	void aUserRegisteredBeforeARestartCanLogInAfterIt() throws Exception {
		try (ConfigurableApplicationContext first = start()) {
			// a kept data directory is written durably (the library's default is
			// fsync off)
			JdbcClient jdbc = JdbcClient.create(first.getBean(DataSource.class));
			assertThat(jdbc.sql("show fsync").query(String.class).single()).isEqualTo("on");
			assertThat(jdbc.sql("show synchronous_commit").query(String.class).single()).isEqualTo("on");
			first.getBean(UserAccounts.class).register("survivor", "restart-proof", "Survivor");
		}
		assertThat(Files.exists(this.dataDir.resolve("postgres/PG_VERSION"))).isTrue();

		try (ConfigurableApplicationContext second = start()) {
			assertThat(second.getBean(UserAccounts.class).authenticate("survivor", "restart-proof"))
				.hasValueSatisfying((user) -> assertThat(user.displayName()).isEqualTo("Survivor"));
		}
	}

	private ConfigurableApplicationContext start() {
		return new SpringApplicationBuilder(OrderPulseApplication.class).profiles("test")
			.run("--server.port=0", "--orderpulse.database.embedded.data-dir=" + this.dataDir.resolve("postgres"));
	}

}
