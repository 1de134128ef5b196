package io.orderpulse.realtime.internal;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;

/**
 * The frames waiting to be written to one session, written in order by at most one task
 * at a time. Publishers only enqueue, so a client that stops reading delays nobody else:
 * its queue is bounded in bytes ({@link #offer} refuses past the limit) and a write that
 * blocks too long is noticed by {@link #writeBlockedSince()}. Spring's
 * {@code ConcurrentWebSocketSessionDecorator} writes on the publisher's thread instead,
 * which would let one slow socket stall a publisher.
 */
final class Outbox {

	private static final Logger log = LoggerFactory.getLogger(Outbox.class);

	private final WebSocketSession socket;

	private final Executor writer;

	private final long byteLimit;

	private final ConcurrentLinkedQueue<Item> queue = new ConcurrentLinkedQueue<>();

	private final AtomicLong queuedBytes = new AtomicLong();

	private final AtomicBoolean draining = new AtomicBoolean();

	private volatile long writeStartedNanos;

	private volatile long lastWriteNanos = System.nanoTime();

	private volatile @Nullable CloseStatus closeWhenDrained;

	Outbox(WebSocketSession socket, Executor writer, long byteLimit) {
		this.socket = socket;
		this.writer = writer;
		this.byteLimit = byteLimit;
	}

	/**
	 * Queues a frame; {@code onWritten} runs once it is written to the socket.
	 * @return false if the queue is full (the session is a slow consumer)
	 */
	boolean offer(TextMessage frame, @Nullable Runnable onWritten) {
		int size = frame.getPayloadLength();
		if (this.queuedBytes.addAndGet(size) > this.byteLimit) {
			this.queuedBytes.addAndGet(-size);
			return false;
		}
		this.queue.add(new Item(frame, onWritten));
		schedule();
		return true;
	}

	boolean offer(TextMessage frame) {
		return offer(frame, null);
	}

	/**
	 * Waits until at most half the byte limit is queued, so that a producer that can wait
	 * (a replay reading from the database) goes at the client's pace instead of
	 * overflowing the queue.
	 * @return false if the queue did not drain within the timeout (the session is stuck)
	 */
	boolean awaitRoom(Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (this.queuedBytes.get() > this.byteLimit / 2) {
			if (!this.socket.isOpen() || System.nanoTime() > deadline) {
				return false;
			}
			LockSupport.parkNanos(1_000_000);
		}
		return true;
	}

	/**
	 * Closes the socket once everything queued so far is written (after an ERROR frame).
	 */
	void closeWhenDrained(CloseStatus status) {
		this.closeWhenDrained = status;
		schedule();
	}

	/**
	 * When the current write started, or 0 if no write is under way.
	 */
	long writeBlockedSince() {
		return this.writeStartedNanos;
	}

	long lastWriteNanos() {
		return this.lastWriteNanos;
	}

	long queuedBytes() {
		return this.queuedBytes.get();
	}

	private void schedule() {
		if (this.draining.compareAndSet(false, true)) {
			this.writer.execute(this::drain);
		}
	}

	private void drain() {
		try {
			Item item;
			while ((item = this.queue.poll()) != null) {
				this.queuedBytes.addAndGet(-item.frame().getPayloadLength());
				if (!this.socket.isOpen()) {
					this.queue.clear();
					this.queuedBytes.set(0);
					return;
				}
				this.writeStartedNanos = System.nanoTime();
				this.socket.sendMessage(item.frame());
				this.lastWriteNanos = System.nanoTime();
				this.writeStartedNanos = 0;
				if (item.onWritten() != null) {
					item.onWritten().run();
				}
			}
			CloseStatus status = this.closeWhenDrained;
			if (status != null && this.socket.isOpen()) {
				this.socket.close(status);
			}
		}
		catch (IOException | RuntimeException ex) {
			log.debug("Writing to session {} failed: {}", this.socket.getId(), ex.toString());
			this.queue.clear();
			this.queuedBytes.set(0);
			closeQuietly(this.socket, CloseStatus.SESSION_NOT_RELIABLE);
		}
		finally {
			this.writeStartedNanos = 0;
			this.draining.set(false);
			if (!this.queue.isEmpty() && this.socket.isOpen()) {
				schedule();
			}
		}
	}

	static void closeQuietly(WebSocketSession socket, CloseStatus status) {
		try {
			socket.close(status);
		}
		catch (IOException | RuntimeException ex) {
			log.debug("Closing session {} failed: {}", socket.getId(), ex.toString());
		}
	}

	private record Item(TextMessage frame, @Nullable Runnable onWritten) {
	}

}
