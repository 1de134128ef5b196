package io.orderpulse.platform.broker;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

/**
 * The port of broker mode: the durable work queues the modules publish their asynchronous
 * work to and consume it from, whichever broker holds them ({@link WorkQueues} on
 * RabbitMQ, {@link KafkaWorkQueues} on Kafka, chosen by {@link BrokerSettings#BROKER}).
 * Both give the same guarantees: a publish returns only once the broker confirmed it (so
 * the caller's outbox entry stays incomplete otherwise and is published again); a message
 * is acknowledged only after its work succeeded; a message whose work keeps failing is
 * tried a bounded number of times with a growing pause and then moved to a dead-letter
 * queue, from which {@link DeadLetters} keeps it in the database for listing and replay.
 * Work must be idempotent: a message is delivered again if a node dies before
 * acknowledging it.
 */
public interface BrokerQueues {

	/**
	 * Order requests ({@code OrderRequested}); seed 000's {@code order-requests} topic.
	 */
	String ORDER_REQUESTS = "order-requests";

	/** Flash-sale admissions whose order is to be created ({@code FlashSaleAdmitted}). */
	String FLASH_SALE_ORDERS = "flash-sale-orders";

	/**
	 * Orders whose payment timeout came due ({@code OrderPlaced}), published with
	 * {@link #publishDelayed} only.
	 */
	String PAYMENT_TIMEOUTS = "payment-timeouts";

	/**
	 * Wake-ups of message routing's held and retried deliveries, published with
	 * {@link #publishDelayed} only, by one of its {@link #DELAY_STEPS}.
	 */
	String DELIVERY_WAKEUPS = "delivery-wakeups";

	/** Every work queue; each has a dead-letter queue. */
	List<String> ALL = List.of(ORDER_REQUESTS, FLASH_SALE_ORDERS, PAYMENT_TIMEOUTS, DELIVERY_WAKEUPS);

	/** The work queues fed with a delay ({@link #publishDelayed}). */
	List<String> DELAYED = List.of(PAYMENT_TIMEOUTS, DELIVERY_WAKEUPS);

	/**
	 * The delayed work queues whose messages have delays of every length: such a queue
	 * takes only these delays (fixed steps, each with a delay queue or topic of its own),
	 * and a publisher reaches a longer or odd delay by hops, publishing again for the
	 * time left when a message arrives early. A bounded set of queues, none of which ever
	 * holds a message behind a longer one (RabbitMQ expires only the head of a queue);
	 * the other delayed queues take any delay (one per queue in practice).
	 */
	Map<String, List<Duration>> DELAY_STEPS = Map.of(DELIVERY_WAKEUPS,
			List.of(Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(10), Duration.ofMinutes(1),
					Duration.ofMinutes(10), Duration.ofHours(1)));

	/** The header carrying the organization a message belongs to. */
	String ORG_HEADER = "x-orderpulse-org";

	/**
	 * The full name of a work queue or topic ({@link #ORDER_REQUESTS} with this
	 * deployment's prefix).
	 */
	String name(String queue);

	/**
	 * The full name of a work queue's dead-letter queue or topic.
	 */
	String deadLetterName(String queue);

	/**
	 * Publishes a payload as JSON to a work queue and waits for the broker's confirm.
	 * @param orgId the organization the message belongs to (its dead letter is listed to
	 * that organization's admins)
	 * @param key what orders the messages: messages of one key are consumed in the order
	 * they were published where the broker partitions its queues (Kafka); the modules
	 * pass the buyer
	 * @throws RuntimeException if the broker does not confirm in time (the caller's
	 * outbox entry then stays incomplete and is published again)
	 */
	void publish(String queue, Object payload, long orgId, String key);

	/**
	 * Publishes a payload keyed by its organization.
	 * @see #publish(String, Object, long, String)
	 */
	default void publish(String queue, Object payload, long orgId) {
		publish(queue, payload, orgId, Long.toString(orgId));
	}

	/**
	 * Publishes a payload to a {@link #DELAYED} work queue so that it is consumed no
	 * earlier than {@code delay} from now, and waits for the broker's confirm. How the
	 * delay is kept is the broker's (see the implementations); messages of one queue
	 * should mostly share one delay, or the queue has {@link #DELAY_STEPS}.
	 * @throws IllegalArgumentException if the queue has delay steps and {@code delay} is
	 * not one of them
	 */
	void publishDelayed(String queue, Object payload, long orgId, String key, Duration delay);

	/**
	 * Registers the work done for each message of a work queue: the body is read as
	 * {@code type} and handed to {@code work}; a body that cannot be read, or work that
	 * throws, fails the attempt. One registration per queue, made while the application
	 * starts (the consumers start after every bean is created).
	 */
	<T> void consume(String queue, Class<T> type, Consumer<T> work);

	/**
	 * Sends a stored message as it is to a queue or topic by its full name and waits for
	 * the broker's confirm: the replay of a dead letter.
	 */
	void resend(String queueName, byte[] body, @Nullable String messageId, @Nullable String contentType, long orgId);

}
