package io.orderpulse;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.orderpulse.platform.events.FlakyListener;

import org.junit.jupiter.api.Tag;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

/**
 * A full-stack test against the running service on a free port, embedded PostgreSQL and
 * the demo data, and an SMTP server of its own ({@link TestMailServer}). Every class with
 * this annotation shares one application context, so keep it identical. Tagged
 * {@code integration}: part of the full tier ({@code ./mvnw verify}), not of
 * {@code ./mvnw test}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles({ "test", "demo" })
@ContextConfiguration(initializers = TestMailServer.class)
@Import({ TestApi.Configuration.class, FlakyListener.Configuration.class })
@Tag("integration")
public @interface IntegrationTest {

}
