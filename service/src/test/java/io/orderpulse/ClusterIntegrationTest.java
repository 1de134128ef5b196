package io.orderpulse;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.Tag;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

/**
 * A full-stack test against one cluster-mode node (profile {@code cluster}) on the
 * external engines: a fresh PostgreSQL database, Redis under a key prefix of its own
 * (flash-sale admission, pub/sub) and broker mode on RabbitMQ with queues of its own, all
 * created by {@link ClusterTestContext} and removed when the context closes, and an SMTP
 * server of its own ({@link TestMailServer}, also declared here so a subclass of an
 * {@link IntegrationTest} class gets the same context as the others). No demo data
 * (cluster mode refuses it). Every class with this annotation shares one application
 * context, so keep it identical; a subclass of an {@link IntegrationTest} class runs the
 * same tests on these engines ({@code inheritProfiles = false} drops the embedded
 * default's {@code demo} profile). Tagged {@code external}: part of the full tier
 * ({@code ./mvnw verify}), not of {@code ./mvnw test}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles(profiles = { "test", "cluster" }, inheritProfiles = false)
@ContextConfiguration(initializers = { ClusterTestContext.class, TestMailServer.class })
@Import(TestApi.Configuration.class)
@Tag("external")
public @interface ClusterIntegrationTest {

}
