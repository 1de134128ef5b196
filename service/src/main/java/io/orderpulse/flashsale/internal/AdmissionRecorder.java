package io.orderpulse.flashsale.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.orderpulse.flashsale.FlashSaleAdmitted;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Stores admissions (the admission row, the item's remaining stock and the
 * {@link FlashSaleAdmitted} event in the outbox) in batches: one transaction for all the
 * admissions that arrived while the previous one was written.
 * <p>
 * Why by hand: a flash sale admits its whole stock within a second, and every admission
 * takes a unit from the same item row. One transaction per admission, as before, held
 * that row's lock across several round trips, each of which waited behind hundreds of
 * virtual threads answering sold-out attempts for a turn on the two cores; admissions
 * then completed at about 40 per second and the last buyers of a 1,000-unit sale waited
 * 25-30 s (some past the load tool's timeout). One writer on a platform thread takes the
 * lock once per batch.
 * <p>
 * If a batch fails for a reason other than the database being unavailable (for example a
 * stored admission that disagrees with the admission engine), its admissions are written
 * again one by one, so one bad admission fails only its own attempt.
 */
@Component
public class AdmissionRecorder implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(AdmissionRecorder.class);

	private static final int MAX_BATCH = 500;

	private final FlashSaleRepository repository;

	private final ApplicationEventPublisher publisher;

	private final TransactionTemplate transactions;

	private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();

	private final Thread writer;

	private volatile boolean stopping;

	AdmissionRecorder(FlashSaleRepository repository, ApplicationEventPublisher publisher,
			TransactionTemplate transactions) {
		this.repository = repository;
		this.publisher = publisher;
		this.transactions = transactions;
		this.writer = Thread.ofPlatform().name("flash-sale-admissions").daemon().start(this::run);
	}

	/**
	 * Stores an admission the engine granted and publishes its event in the same
	 * transaction.
	 * @return completes once committed, or exceptionally with the reason it was not
	 * stored (the caller gives the unit back to the engine)
	 */
	public CompletableFuture<Void> record(FlashSaleAdmitted admitted) {
		if (this.stopping) {
			return CompletableFuture.failedFuture(new IllegalStateException("The application is shutting down"));
		}
		Pending pending = new Pending(admitted, new CompletableFuture<>());
		this.queue.add(pending);
		return pending.done();
	}

	private void run() {
		List<Pending> batch = new ArrayList<>(MAX_BATCH);
		while (!this.stopping || !this.queue.isEmpty()) {
			try {
				Pending first = this.queue.poll(100, TimeUnit.MILLISECONDS);
				if (first == null) {
					continue;
				}
				batch.add(first);
				this.queue.drainTo(batch, MAX_BATCH - 1);
				write(batch);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
			catch (Throwable ex) {
				log.error("Recording {} flash-sale admissions failed", batch.size(), ex);
				batch.forEach((pending) -> pending.done().completeExceptionally(ex));
			}
			finally {
				batch.clear();
			}
		}
		Pending left;
		while ((left = this.queue.poll()) != null) {
			left.done().completeExceptionally(new IllegalStateException("The application is shutting down"));
		}
	}

	private void write(List<Pending> batch) {
		try {
			this.transactions.executeWithoutResult((status) -> {
				Map<Long, List<FlashSaleAdmitted>> byItem = new LinkedHashMap<>();
				for (Pending pending : batch) {
					byItem.computeIfAbsent(pending.admitted().itemId(), (id) -> new ArrayList<>())
						.add(pending.admitted());
				}
				byItem.forEach(this::store);
				batch.forEach((pending) -> this.publisher.publishEvent(pending.admitted()));
			});
		}
		catch (RuntimeException ex) {
			if (batch.size() > 1 && !unavailable(ex)) {
				log.warn("Recording {} flash-sale admissions together failed ({}), recording each alone", batch.size(),
						ex.toString());
				batch.forEach((pending) -> write(List.of(pending)));
				return;
			}
			batch.forEach((pending) -> pending.done().completeExceptionally(ex));
			return;
		}
		batch.forEach((pending) -> pending.done().complete(null));
	}

	private void store(long itemId, List<FlashSaleAdmitted> admissions) {
		long[] users = admissions.stream().mapToLong(FlashSaleAdmitted::userId).toArray();
		String[] requests = admissions.stream().map(FlashSaleAdmitted::requestId).toArray(String[]::new);
		if (!this.repository.admitAll(itemId, users, requests)) {
			throw new IllegalStateException(
					((admissions.size() == 1) ? "Admission of user " + users[0] : admissions.size() + " admissions")
							+ " to item " + itemId + " disagree(s) with the stored admissions");
		}
	}

	/** The database cannot be reached: writing one by one would only wait longer. */
	private static boolean unavailable(RuntimeException ex) {
		return ex instanceof TransactionException || ex instanceof TransientDataAccessException
				|| ex instanceof DataAccessResourceFailureException;
	}

	@Override
	public void destroy() throws InterruptedException {
		this.stopping = true;
		this.writer.join(TimeUnit.SECONDS.toMillis(10));
	}

	private record Pending(FlashSaleAdmitted admitted, CompletableFuture<Void> done) {
	}

}
