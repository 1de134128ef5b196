package io.orderpulse.ordering.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.orderpulse.ordering.OrderEvents.OrderRequested;
import io.orderpulse.platform.broker.BrokerSettings;
import io.orderpulse.platform.database.GroupCommit;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Processes accepted order requests in the process, after the request is committed: one
 * writer takes the requests that are waiting and turns them into orders together
 * ({@link OrderProcessing#processAll}, one transaction per batch). With
 * {@code orderpulse.broker=rabbitmq} or {@code kafka} {@link OrderRequestQueue} takes its
 * place.
 * <p>
 * The stored request is its own outbox entry: a request still PENDING or PROCESSING that
 * nothing changed for {@code orderpulse.outbox.retry-after} (its processing was lost in a
 * crash, or failed) is processed again by {@link #resumeOpenRequests}, on one node at a
 * time, every {@code orderpulse.outbox.retry-interval}; processing is idempotent. This
 * replaces recording each {@link OrderRequested} in Spring Modulith's event publication
 * registry, which cost an insert and two updates (two commits) per order on top of the
 * request's own row, for what the request's status already says. Other modules' events
 * still go through the registry.
 */
@Component
@ConditionalOnProperty(name = BrokerSettings.BROKER, havingValue = BrokerSettings.IN_PROCESS, matchIfMissing = true)
class OrderProcessor implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(OrderProcessor.class);

	private final OrderProcessing processing;

	private final OrderRequestRepository requests;

	private final Duration retryAfter;

	private final GroupCommit<RequestKey, Boolean> batches;

	/** Requests queued or being processed here, which the resumption leaves alone. */
	private final Set<RequestKey> queued = ConcurrentHashMap.newKeySet();

	OrderProcessor(OrderProcessing processing, OrderRequestRepository requests, TransactionTemplate transactions,
			@Value("${orderpulse.outbox.retry-after:PT10S}") Duration retryAfter) {
		this.processing = processing;
		this.requests = requests;
		this.retryAfter = retryAfter;
		this.batches = new GroupCommit<>("order-processing", 200, transactions,
				(keys) -> this.processing.processAll(keys));
	}

	/**
	 * Queues the request once the transaction that stored it commits (a plain listener,
	 * so that no publication is recorded for it).
	 */
	@EventListener
	void on(OrderRequested requested) {
		RequestKey key = new RequestKey(requested.buyerId(), requested.requestId());
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			submit(key);
			return;
		}
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {

			@Override
			public void afterCommit() {
				submit(key);
			}

		});
	}

	/**
	 * Queues the requests whose processing was lost or failed.
	 */
	@Scheduled(fixedDelayString = "${orderpulse.outbox.retry-interval:PT30S}", initialDelayString = "PT10S")
	@SchedulerLock(name = "ordering.resumeOpenRequests", lockAtMostFor = "PT5M")
	void resumeOpenRequests() {
		int resumed = 0;
		for (OrderRequestRepository.OpenRequest open : this.requests.openSince(Instant.now().minus(this.retryAfter),
				1000)) {
			if (submit(new RequestKey(open.buyerId(), open.requestId()))) {
				resumed++;
			}
		}
		if (resumed > 0) {
			log.info("Processing {} order requests again whose processing was lost or failed", resumed);
		}
	}

	private boolean submit(RequestKey key) {
		if (!this.queued.add(key)) {
			return false;
		}
		this.batches.submit(key).whenComplete((processed, failure) -> {
			this.queued.remove(key);
			if (failure != null) {
				log.warn("Order request {} of buyer {} was not processed ({}); it is tried again after {}",
						key.requestId(), key.buyerId(), failure.toString(), this.retryAfter);
			}
		});
		return true;
	}

	@Override
	public void destroy() throws InterruptedException {
		this.batches.close();
	}

}
