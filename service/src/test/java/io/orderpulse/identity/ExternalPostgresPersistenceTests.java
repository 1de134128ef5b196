package io.orderpulse.identity;

import io.orderpulse.ExternalPostgres;
import org.junit.jupiter.api.Tag;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The persistence contract on a real PostgreSQL server, as cluster mode runs it: the same
 * Flyway migrations on a fresh database.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Tag("external")
class ExternalPostgresPersistenceTests extends IdentityPersistenceContract {

	@DynamicPropertySource
	static void externalDatabase(DynamicPropertyRegistry registry) {
		ExternalPostgres.register(registry);
		// no data directory of its own to keep a generated signing key in
		registry.add("orderpulse.identity.jwt-secret",
				() -> java.util.UUID.randomUUID() + "-" + java.util.UUID.randomUUID());
	}

}
