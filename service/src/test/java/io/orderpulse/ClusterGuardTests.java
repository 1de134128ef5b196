package io.orderpulse;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A cluster node refuses to start without what it needs, saying what to set.
 */
@Tag("external")
class ClusterGuardTests {

	@Test
	void refusesToStartWithoutRedis() {
		assertThatThrownBy(() -> start("--spring.data.redis.url=redis://127.0.0.1:1",
				"--orderpulse.bootstrap.admin.username=root", "--orderpulse.bootstrap.admin.password=long-enough"))
			.hasStackTraceContaining("Profile 'cluster' needs Redis, which did not answer: set REDIS_URL");
	}

	@Test
	void refusesToStartWithoutAnAdminOrTheBootstrapCredentials() {
		assertThatThrownBy(() -> start())
			.hasStackTraceContaining("ORDERPULSE_BOOTSTRAP_ADMIN_USERNAME and ORDERPULSE_BOOTSTRAP_ADMIN_PASSWORD");
	}

	private static String randomKey() {
		byte[] key = new byte[48];
		new SecureRandom().nextBytes(key);
		return Base64.getEncoder().encodeToString(key);
	}

	private static void start(String... extra) {
		List<String> args = new ArrayList<>();
		ExternalPostgres.createDatabase().forEach((name, value) -> args.add("--" + name + "=" + value));
		args.addAll(List.of("--server.port=0", "--orderpulse.bench.enabled=false",
				"--orderpulse.cluster.key-prefix=orderpulse-test-guard-" + System.nanoTime() + ":",
				"--orderpulse.identity.jwt-secret=" + randomKey()));
		args.addAll(List.of(extra));
		new SpringApplicationBuilder(OrderPulseApplication.class).profiles("test", "cluster")
			.run(args.toArray(String[]::new))
			.close();
	}

}
