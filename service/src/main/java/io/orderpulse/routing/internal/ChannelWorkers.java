package io.orderpulse.routing.internal;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;

/**
 * The bounded pool of external channel sends.
 */
public final class ChannelWorkers {

	private final ThreadPoolExecutor executor;

	ChannelWorkers(ThreadPoolExecutor executor) {
		this.executor = executor;
	}

	/**
	 * Runs the send on a worker.
	 * @return false if every worker is busy and the queue is full
	 */
	public boolean submit(Runnable send) {
		try {
			this.executor.execute(send);
			return true;
		}
		catch (RejectedExecutionException ex) {
			return false;
		}
	}

	void shutdownNow() {
		this.executor.shutdownNow();
	}

}
