package io.orderpulse.platform.database;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes the items that arrive together in one transaction: one writer on a platform
 * thread takes what is queued (at most {@code maxBatch}), runs the batch inside one
 * transaction and completes each item's future with its result once committed.
 * <p>
 * Why by hand: under a crowd, one transaction per request costs a commit and several
 * round trips each, and every round trip of a virtual thread waits for a turn on the
 * cores behind all the other requests; a transaction that holds a hot row's lock (an
 * item's remaining stock) then holds it for that long, and the requests behind it queue
 * for the lock and for the pool's connections. One writer takes the lock and commits once
 * per batch. (PostgreSQL's own group commit shares the WAL flush, not the round trips.)
 * Measured: docs/decisions/0003-group-commit.md.
 * <p>
 * A batch that fails for another reason than the database being unavailable is written
 * again one item at a time, so one bad item fails alone; with the database unavailable
 * every item of the batch fails with the cause.
 *
 * @param <T> the items
 * @param <R> each item's result
 */
public final class GroupCommit<T, R> implements AutoCloseable {

	/**
	 * Writes a batch inside the transaction; throwing rolls it back.
	 */
	@FunctionalInterface
	public interface Batch<T, R> {

		/**
		 * @return one result per item, in the items' order
		 */
		List<R> write(List<T> items);

	}

	private static final Logger log = LoggerFactory.getLogger(GroupCommit.class);

	private final String name;

	private final int maxBatch;

	private final TransactionTemplate transactions;

	private final Batch<T, R> batch;

	private final BlockingQueue<Pending<T, R>> queue = new LinkedBlockingQueue<>();

	private final Thread writer;

	private volatile boolean stopping;

	/**
	 * Starts the writer thread.
	 * @param name the thread's name, also in log messages
	 */
	public GroupCommit(String name, int maxBatch, TransactionTemplate transactions, Batch<T, R> batch) {
		this.name = name;
		this.maxBatch = maxBatch;
		this.transactions = transactions;
		this.batch = batch;
		this.writer = Thread.ofPlatform().name(name).daemon().start(this::run);
	}

	/**
	 * Queues an item for the next batch.
	 * @return completes with the item's result once its batch committed, or exceptionally
	 * with the reason it was not written
	 */
	public CompletableFuture<R> submit(T item) {
		if (this.stopping) {
			return CompletableFuture.failedFuture(new IllegalStateException("The application is shutting down"));
		}
		Pending<T, R> pending = new Pending<>(item, new CompletableFuture<>());
		this.queue.add(pending);
		return pending.result();
	}

	private void run() {
		List<Pending<T, R>> taken = new ArrayList<>(this.maxBatch);
		while (!this.stopping || !this.queue.isEmpty()) {
			try {
				Pending<T, R> first = this.queue.poll(100, TimeUnit.MILLISECONDS);
				if (first == null) {
					continue;
				}
				taken.add(first);
				this.queue.drainTo(taken, this.maxBatch - 1);
				write(taken);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
			catch (Throwable ex) {
				log.error("{}: writing {} items failed", this.name, taken.size(), ex);
				taken.forEach((pending) -> pending.result().completeExceptionally(ex));
			}
			finally {
				taken.clear();
			}
		}
		Pending<T, R> left;
		while ((left = this.queue.poll()) != null) {
			left.result().completeExceptionally(new IllegalStateException("The application is shutting down"));
		}
	}

	private void write(List<Pending<T, R>> pendings) {
		List<R> results;
		try {
			results = this.transactions.execute((status) -> {
				List<R> written = this.batch.write(pendings.stream().map(Pending::item).toList());
				if (written.size() != pendings.size()) {
					throw new IllegalStateException(
							this.name + ": " + written.size() + " results for " + pendings.size() + " items");
				}
				return written;
			});
		}
		catch (RuntimeException ex) {
			if (pendings.size() > 1 && !unavailable(ex)) {
				log.warn("{}: writing {} items together failed ({}), writing each alone", this.name, pendings.size(),
						ex.toString());
				pendings.forEach((pending) -> write(List.of(pending)));
				return;
			}
			pendings.forEach((pending) -> pending.result().completeExceptionally(ex));
			return;
		}
		for (int i = 0; i < pendings.size(); i++) {
			pendings.get(i).result().complete(results.get(i));
		}
	}

	/** The database cannot be reached: writing one by one would only wait longer. */
	private static boolean unavailable(RuntimeException ex) {
		return ex instanceof TransactionException || ex instanceof TransientDataAccessException
				|| ex instanceof DataAccessResourceFailureException;
	}

	/**
	 * Stops taking items, writes what is queued (up to 10 s) and fails the rest.
	 */
	@Override
	public void close() throws InterruptedException {
		this.stopping = true;
		this.writer.join(TimeUnit.SECONDS.toMillis(10));
	}

	private record Pending<T, R>(T item, CompletableFuture<R> result) {
	}

}
