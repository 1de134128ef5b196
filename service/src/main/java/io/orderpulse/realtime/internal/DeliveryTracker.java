package io.orderpulse.realtime.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;

import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Records delivery state (sent, delivered, acknowledged) in batches a few times a second,
 * so that writing a frame costs no database round trip of its own.
 */
@Component
class DeliveryTracker {

	private static final Logger log = LoggerFactory.getLogger(DeliveryTracker.class);

	private static final int MAX_BATCH = 5_000;

	private final EventStore store;

	private final ConcurrentLinkedQueue<Mark> delivered = new ConcurrentLinkedQueue<>();

	private final ConcurrentLinkedQueue<Mark> sent = new ConcurrentLinkedQueue<>();

	private final ConcurrentLinkedQueue<Ack> acks = new ConcurrentLinkedQueue<>();

	DeliveryTracker(EventStore store) {
		this.store = store;
	}

	void delivered(long userId, long seq) {
		this.delivered.add(new Mark(userId, seq));
	}

	void sent(long userId, long seq) {
		this.sent.add(new Mark(userId, seq));
	}

	void acknowledged(long userId, UUID eventId) {
		this.acks.add(new Ack(userId, eventId));
	}

	@Scheduled(fixedDelay = 100)
	@PreDestroy
	void flush() {
		try {
			// "sent" first: a later "delivered" for the same event then raises it
			flushMarks(this.sent, EventStore.SENT);
			flushMarks(this.delivered, EventStore.DELIVERED);
			flushAcks();
		}
		catch (RuntimeException ex) {
			log.warn("Recording delivery state failed; it will be retried with the next batch", ex);
		}
	}

	private void flushMarks(ConcurrentLinkedQueue<Mark> queue, short status) {
		List<Mark> batch = drain(queue);
		while (!batch.isEmpty()) {
			long[] userIds = new long[batch.size()];
			long[] seqs = new long[batch.size()];
			for (int i = 0; i < batch.size(); i++) {
				userIds[i] = batch.get(i).userId();
				seqs[i] = batch.get(i).seq();
			}
			try {
				this.store.mark(status, userIds, seqs);
			}
			catch (RuntimeException ex) {
				queue.addAll(batch);
				throw ex;
			}
			batch = drain(queue);
		}
	}

	private void flushAcks() {
		List<Ack> batch = drain(this.acks);
		while (!batch.isEmpty()) {
			long[] userIds = new long[batch.size()];
			UUID[] eventIds = new UUID[batch.size()];
			for (int i = 0; i < batch.size(); i++) {
				userIds[i] = batch.get(i).userId();
				eventIds[i] = batch.get(i).eventId();
			}
			try {
				this.store.acknowledge(userIds, eventIds);
			}
			catch (RuntimeException ex) {
				this.acks.addAll(batch);
				throw ex;
			}
			batch = drain(this.acks);
		}
	}

	private static <T> List<T> drain(ConcurrentLinkedQueue<T> queue) {
		List<T> batch = new ArrayList<>();
		T item;
		while (batch.size() < MAX_BATCH && (item = queue.poll()) != null) {
			batch.add(item);
		}
		return batch;
	}

	private record Mark(long userId, long seq) {
	}

	private record Ack(long userId, UUID eventId) {
	}

}
