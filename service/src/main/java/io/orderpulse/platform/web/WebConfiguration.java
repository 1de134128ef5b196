package io.orderpulse.platform.web;

import io.micrometer.core.instrument.config.MeterFilter;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.ServerConnector;
import tools.jackson.databind.JacksonModule;

import org.springframework.boot.jetty.ConfigurableJettyWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

@Configuration(proxyBeanMethods = false)
class WebConfiguration {

	@Bean
	FilterRegistrationBean<RequestBodyLimitFilter> requestBodyLimitFilter(WebSettings settings) {
		FilterRegistrationBean<RequestBodyLimitFilter> registration = new FilterRegistrationBean<>(
				new RequestBodyLimitFilter(settings.maxRequestBody().toBytes()));
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
		return registration;
	}

	/**
	 * After the body limit: form parameters are read from a bounded body.
	 */
	@Bean
	FilterRegistrationBean<NulParameterFilter> nulParameterFilter() {
		FilterRegistrationBean<NulParameterFilter> registration = new FilterRegistrationBean<>(
				new NulParameterFilter());
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 21);
		return registration;
	}

	/**
	 * Refuses U+0000 in every string of a JSON request body (Spring Boot registers
	 * {@link JacksonModule} beans on its mapper).
	 */
	@Bean
	JacksonModule nulRefusingModule() {
		return new NulRefusingModule();
	}

	/**
	 * Error categories instead of exception class names in every metric's tags (Spring
	 * Boot applies {@link MeterFilter} beans to its registries).
	 */
	@Bean
	MeterFilter errorCategoryMeterFilter() {
		return new ErrorCategoryMeterFilter();
	}

	/**
	 * Jetty leaves the listen backlog to the JDK, which asks the kernel for 50. When
	 * thousands of clients connect at once (a node restarting, a network blip) the kernel
	 * then drops their SYNs and each client retries after a second. Measured:
	 * docs/decisions/0006-accept-queue-size.md.
	 */
	@Bean
	WebServerFactoryCustomizer<ConfigurableJettyWebServerFactory> acceptQueue(WebSettings settings) {
		return (factory) -> factory.addServerCustomizers((server) -> {
			for (Connector connector : server.getConnectors()) {
				if (connector instanceof ServerConnector serverConnector) {
					serverConnector.setAcceptQueueSize(settings.acceptQueueSize());
				}
			}
		});
	}

}
