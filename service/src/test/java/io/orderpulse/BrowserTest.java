package io.orderpulse;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.Tag;

/**
 * A full-stack test ({@link IntegrationTest}, the same shared application context) that
 * drives the pages in headless Chromium ({@link Browser}). Tagged {@code browser}: part
 * of the full tier ({@code ./mvnw verify}), not of {@code ./mvnw test}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@IntegrationTest
@Tag("browser")
public @interface BrowserTest {

}
