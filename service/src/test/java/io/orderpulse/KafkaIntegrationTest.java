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
 * A full-stack test against one cluster-mode node (profile {@code cluster}) with broker
 * mode on Kafka ({@code orderpulse.broker=kafka}): spring-kafka's embedded KRaft broker,
 * a fresh PostgreSQL database and Redis under a key prefix of its own, all set up by
 * {@link KafkaTestContext}. Every class with this annotation shares one application
 * context, so keep it identical; a subclass of an {@link IntegrationTest} class runs the
 * same tests with Kafka ({@code inheritProfiles = false} drops the embedded default's
 * {@code demo} profile). Tagged {@code kafka}: part of the full tier
 * ({@code ./mvnw verify}), not of {@code ./mvnw test}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles(profiles = { "test", "cluster" }, inheritProfiles = false)
@ContextConfiguration(initializers = KafkaTestContext.class)
@Import(TestApi.Configuration.class)
@Tag("kafka")
public @interface KafkaIntegrationTest {

}
