package io.orderpulse.platform.broker;

import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.amqp.rabbit.connection.Connection;
import org.springframework.amqp.rabbit.connection.ConnectionListener;
import org.springframework.modulith.events.EventPublication;
import org.springframework.modulith.events.IncompleteEventPublications;

/**
 * Broker mode's outbox relay for a broker that comes back: when this node connects to
 * RabbitMQ again (after the first connection), the event publications whose publish
 * failed meanwhile are submitted again at once, instead of waiting for
 * {@link OutboxResubmission} ({@code resubmit-after} 1 min, every 30 s). Failed ones
 * only: a publication still in progress is left alone, and every listener is idempotent,
 * so two nodes reconnecting at once do no harm.
 */
class ReconnectResubmission implements ConnectionListener {

	private static final Logger log = LoggerFactory.getLogger(ReconnectResubmission.class);

	private final IncompleteEventPublications incomplete;

	private final AtomicBoolean connectedBefore = new AtomicBoolean();

	ReconnectResubmission(IncompleteEventPublications incomplete) {
		this.incomplete = incomplete;
	}

	@Override
	public void onCreate(Connection connection) {
		if (this.connectedBefore.compareAndSet(false, true)) {
			return;
		}
		// not on the thread that is opening the connection (a publish or a listener
		// container's recovery): the resubmitted listeners publish on it themselves
		Thread.ofVirtual().name("outbox-reconnect-resubmission").start(this::resubmitFailed);
	}

	void resubmitFailed() {
		try {
			log.info("Connected to RabbitMQ again: submitting the failed event publications again");
			this.incomplete.resubmitIncompletePublications(
					(publication) -> publication.getStatus() == EventPublication.Status.FAILED);
		}
		catch (RuntimeException ex) {
			log.warn("Submitting the failed event publications again failed; the outbox relay retries: {}",
					ex.toString());
		}
	}

}
