package io.orderpulse.platform.events;

import java.util.concurrent.Executor;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.AsyncConfigurer;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * Runs {@code @Async} work (the modules' asynchronous event listeners: order processing,
 * flash-sale orders, merchant alerts, message routing...) on at most
 * {@code orderpulse.async.workers} threads, the rest waiting in a queue. With virtual
 * threads Spring would start one thread per event, without limit: under a crowd (a flash
 * sale admitting a thousand buyers in a second) the background work then took every
 * database connection and the buyers' own requests waited for one until they failed with
 * 503. Bounded, background work takes longer under load while requests keep their
 * connections. The queue lives in memory only, which loses nothing: every such event is
 * recorded in Spring Modulith's event publication registry, and one not handled when the
 * process stops is handled again at the next start.
 */
@Configuration(proxyBeanMethods = false)
class AsyncListenerConfiguration implements AsyncConfigurer, DisposableBean {

	private final ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();

	AsyncListenerConfiguration(@Value("${orderpulse.async.workers:6}") int workers) {
		this.executor.setCorePoolSize(workers);
		this.executor.setMaxPoolSize(workers);
		this.executor.setVirtualThreads(true);
		this.executor.setThreadNamePrefix("async-");
		this.executor.setWaitForTasksToCompleteOnShutdown(true);
		this.executor.setAwaitTerminationSeconds(10);
		this.executor.initialize();
	}

	@Override
	public Executor getAsyncExecutor() {
		return this.executor;
	}

	/**
	 * Lets running listeners finish (up to 10 s) when the context closes; queued ones
	 * stay incomplete in the registry and run at the next start.
	 */
	@Override
	public void destroy() {
		this.executor.shutdown();
	}

}
