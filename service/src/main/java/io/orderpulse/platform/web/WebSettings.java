package io.orderpulse.platform.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * HTTP settings of the API.
 *
 * @param maxRequestBody the largest request body accepted; larger ones get 413
 * @param acceptQueueSize the listen backlog of the HTTP port: connections the kernel
 * holds until Jetty accepts them (the kernel caps it at {@code net.core.somaxconn})
 */
@ConfigurationProperties("orderpulse.web")
record WebSettings(@DefaultValue("256KB") DataSize maxRequestBody, @DefaultValue("4096") int acceptQueueSize) {

	WebSettings {
		if (acceptQueueSize < 1) {
			throw new IllegalArgumentException("orderpulse.web.accept-queue-size must be at least 1");
		}
	}

}
