package io.orderpulse.platform.web;

import org.eclipse.jetty.util.thread.QueuedThreadPool;

import org.springframework.boot.jetty.ConfigurableJettyWebServerFactory;
import org.springframework.boot.jetty.autoconfigure.JettyServerProperties;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

@Configuration(proxyBeanMethods = false)
class WebConfiguration {

	/**
	 * Jetty's requests run on its pool of platform threads, although the application's
	 * own background work uses virtual threads. Measured on two cores (README,
	 * "Performance", flash sale): with Jetty on virtual threads, under a crowd of
	 * attempts, a request that parked half-way (a buyer waiting for the admission's
	 * commit) was sometimes not scheduled again for 6 to 28 seconds, until the crowd had
	 * gone, while the crowd's other requests were answered in milliseconds: the virtual
	 * thread scheduler is not fair under that oversubscription. On platform threads the
	 * same waits ended within about 100 ms, at the same throughput. A request here holds
	 * its thread only while it is handled (keep-alive connections and WebSocket sessions
	 * hold none), so the pool's 200 threads by default serve many connections.
	 */
	@Bean
	WebServerFactoryCustomizer<ConfigurableJettyWebServerFactory> platformRequestThreads(WebSettings settings,
			JettyServerProperties jetty) {
		return new WebServerFactoryCustomizer<>() {
			@Override
			public void customize(ConfigurableJettyWebServerFactory factory) {
				if (settings.virtualRequestThreads()) {
					return;
				}
				JettyServerProperties.Threads threads = jetty.getThreads();
				QueuedThreadPool pool = new QueuedThreadPool(threads.getMax(), threads.getMin(),
						(int) threads.getIdleTimeout().toMillis());
				pool.setName("jetty-");
				factory.setThreadPool(pool);
			}
		};
	}

	@Bean
	FilterRegistrationBean<RequestBodyLimitFilter> requestBodyLimitFilter(WebSettings settings) {
		FilterRegistrationBean<RequestBodyLimitFilter> registration = new FilterRegistrationBean<>(
				new RequestBodyLimitFilter(settings.maxRequestBody().toBytes()));
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
		return registration;
	}

}
