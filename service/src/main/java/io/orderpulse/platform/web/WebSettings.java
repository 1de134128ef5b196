package io.orderpulse.platform.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * HTTP settings of the API.
 *
 * @param maxRequestBody the largest request body accepted; larger ones get 413
 * @param virtualRequestThreads whether Jetty runs requests on virtual threads (Spring
 * Boot's choice with {@code spring.threads.virtual.enabled}) instead of its pool of
 * platform threads ({@code server.jetty.threads.*}); see {@link WebConfiguration}
 */
@ConfigurationProperties("orderpulse.web")
record WebSettings(@DefaultValue("256KB") DataSize maxRequestBody,
		@DefaultValue("false") boolean virtualRequestThreads) {
}
