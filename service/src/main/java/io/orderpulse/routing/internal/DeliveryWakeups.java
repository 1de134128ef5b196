package io.orderpulse.routing.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.orderpulse.platform.broker.BrokerQueues;
import io.orderpulse.platform.broker.BrokerSettings;
import io.orderpulse.routing.Deliveries;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.stereotype.Component;

/**
 * Broker mode's wake-ups of held deliveries (a delay, quiet hours or a retry): when
 * routing commits records due later, it publishes a small {@link Wakeup} of the message
 * and the due time through the broker's delay ({@code delivery-wakeups}: on RabbitMQ a
 * message that expires in a delay queue and is dead-lettered into the work queue, on
 * Kafka a delay topic and its relay), and its consumer makes the message's deliveries
 * that are due then, claiming them as the job does
 * ({@link Deliveries#runDue(long, Instant)}), so an overlap with the job or another node,
 * or a wake-up delivered twice, sends once, and a cancelled or settled record is left
 * alone.
 * <p>
 * Delays vary per message, but RabbitMQ expires only the head of a queue, so one queue
 * with per-message expirations would hold a 1-second wake-up behind a 1-hour one, and a
 * queue per arbitrary delay would grow without bound. The wake-ups therefore hop through
 * a fixed set of delay queues ({@link BrokerQueues#DELAY_STEPS}: 100 ms, 1 s, 10 s, 1
 * min, 10 min, 1 h), each with one TTL: a wake-up goes to the longest step that does not
 * pass its due time, and a consumer that gets it early publishes it again for the time
 * left (at most 61 hops for a day, each a publish of a few bytes; at most about 100 ms
 * late, plus the broker's latency per hop).
 * <p>
 * The PostgreSQL record stays the truth and {@link DeliveryJobs} the safety net: a
 * wake-up lost because the node died between commit and publish, or a publish the broker
 * did not confirm, is made by the job (every minute by default in broker mode).
 */
@Component
@ConditionalOnExpression(BrokerSettings.ON_BROKER)
public class DeliveryWakeups {

	private static final Logger log = LoggerFactory.getLogger(DeliveryWakeups.class);

	private static final List<Duration> STEPS = BrokerQueues.DELAY_STEPS.get(BrokerQueues.DELIVERY_WAKEUPS);

	private final BrokerQueues queues;

	private final ObjectProvider<Deliveries> deliveries;

	private final Clock clock;

	DeliveryWakeups(BrokerQueues queues, ObjectProvider<Deliveries> deliveries, Clock clock) {
		this.queues = queues;
		this.deliveries = deliveries;
		this.clock = clock;
		queues.consume(BrokerQueues.DELIVERY_WAKEUPS, Wakeup.class, this::wake);
	}

	/**
	 * Publishes the wake-up of a message's records due at {@code due} (committed before).
	 * A failed publish is logged, not thrown: the job makes those records.
	 */
	public void schedule(long messageId, long orgId, Instant due) {
		try {
			hop(new Wakeup(messageId, orgId, due));
		}
		catch (RuntimeException ex) {
			log.warn("Could not publish the wake-up of message {} due at {}; the job will make it: {}", messageId, due,
					ex.toString());
		}
	}

	/**
	 * A wake-up arrived: published again for the time left if it is early, otherwise the
	 * message's due records are made. Throwing lets the broker try it again.
	 */
	void wake(Wakeup wakeup) {
		Instant now = this.clock.instant();
		if (now.isBefore(wakeup.due())) {
			hop(wakeup);
			return;
		}
		this.deliveries.getObject().runDue(wakeup.messageId(), now);
	}

	private void hop(Wakeup wakeup) {
		Duration left = Duration.between(this.clock.instant(), wakeup.due());
		this.queues.publishDelayed(BrokerQueues.DELIVERY_WAKEUPS, wakeup, wakeup.orgId(),
				Long.toString(wakeup.messageId()), step(left));
	}

	/**
	 * The delay step a wake-up with {@code left} to go takes: the longest that does not
	 * pass the due time, or the shortest.
	 */
	static Duration step(Duration left) {
		Duration chosen = STEPS.get(0);
		for (Duration step : STEPS) {
			if (step.compareTo(left) <= 0) {
				chosen = step;
			}
		}
		return chosen;
	}

	/**
	 * The wake-up of a message's deliveries due at a time.
	 *
	 * @param messageId the message
	 * @param orgId its organization (the broker message's, for its dead letter)
	 * @param due when its records are due
	 */
	public record Wakeup(long messageId, long orgId, Instant due) {
	}

}
