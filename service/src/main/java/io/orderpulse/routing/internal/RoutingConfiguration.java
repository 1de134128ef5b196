package io.orderpulse.routing.internal;

import java.time.Clock;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * The clock routing decides by (a bean, so a deployment or a test can provide another)
 * and the bounded pool the external channels send on: a slow endpoint occupies at most
 * its workers, and a full queue leaves records pending instead of blocking the caller.
 */
@Configuration(proxyBeanMethods = false)
class RoutingConfiguration {

	@Bean
	@ConditionalOnMissingBean
	Clock clock() {
		return Clock.systemUTC();
	}

	@Bean(destroyMethod = "shutdownNow")
	ChannelWorkers channelWorkers(RoutingSettings settings) {
		ThreadPoolExecutor executor = new ThreadPoolExecutor(settings.workers(), settings.workers(), 60,
				TimeUnit.SECONDS, new ArrayBlockingQueue<>(settings.queueCapacity()),
				new CustomizableThreadFactory("routing-channel-"), new ThreadPoolExecutor.AbortPolicy());
		executor.allowCoreThreadTimeOut(true);
		return new ChannelWorkers(executor);
	}

}
