package io.orderpulse.platform.broker;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.kafka.KafkaException;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.messaging.MessageHeaders;
import org.springframework.util.MimeTypeUtils;

/**
 * The {@link BrokerQueues} on Kafka ({@code orderpulse.broker=kafka}): each work queue is
 * a topic ({@code <prefix>order-requests}, seed 000's name, and so on) with a dead-letter
 * topic {@code <topic>.dlt}.
 * <ul>
 * <li>Publishing: the producer uses {@code acks=all} and idempotence, and a publish waits
 * for the send result, so an unacknowledged publish throws and leaves the caller's outbox
 * entry incomplete (the outbox relay publishes it again). The record's key is the
 * publish's key (the modules pass the buyer): one buyer's records land on one partition
 * and are consumed in order.</li>
 * <li>Consuming (see {@link KafkaBrokerConfiguration}): one consumer group per topic, the
 * offset of a record committed only after its work succeeded; a failing record is tried
 * again in place by spring-kafka's {@code DefaultErrorHandler} with an exponential
 * back-off, {@code max-attempts} times in all, then published to its dead-letter topic by
 * a {@code DeadLetterPublishingRecoverer} (and only then committed), from where
 * {@link DeadLetters} keeps it in the database.</li>
 * <li>Delays: Kafka has none. A delayed record goes to a delay topic of its delay,
 * {@code <topic>.delay-<millis>ms} (one partition), with its due time in the
 * {@link #DUE_HEADER} header; {@link KafkaDelayRelays} reads each delay topic and
 * forwards a record to the work topic once it is due. All records of a delay topic share
 * one delay, so they fall due in the order they were written and the head of the
 * partition is always the next one due: the relay waits for the head ({@code nack} with
 * the time left, at most {@code delay-check}, which re-reads it after that sleep with the
 * consumer paused) and never has to look past it. Two different delays (ordinary and
 * flash-sale payment timeouts) use two topics and never wait for each other; a queue with
 * {@link #DELAY_STEPS} has a delay topic per step.</li>
 * </ul>
 * Work must be idempotent: a record is delivered again if a node dies before committing
 * its offset, and a delayed record may be forwarded twice.
 */
public class KafkaWorkQueues implements BrokerQueues {

	/** The header carrying a message's id. */
	public static final String MESSAGE_ID_HEADER = "x-orderpulse-message-id";

	/** The header carrying a delayed record's due time (epoch milliseconds, as text). */
	public static final String DUE_HEADER = "x-orderpulse-due";

	private final KafkaBrokerSettings settings;

	private final KafkaTemplate<String, byte[]> kafka;

	private final JsonMapper json;

	private final MeterRegistry meters;

	private final WorkHandlers handlers;

	private final KafkaDelayRelays relays;

	KafkaWorkQueues(KafkaBrokerSettings settings, KafkaTemplate<String, byte[]> kafka, JsonMapper json,
			MeterRegistry meters, KafkaDelayRelays relays) {
		this.settings = settings;
		this.kafka = kafka;
		this.json = json;
		this.meters = meters;
		this.relays = relays;
		this.handlers = new WorkHandlers(json);
	}

	@Override
	public String name(String queue) {
		return this.settings.topicPrefix() + queue;
	}

	@Override
	public String deadLetterName(String queue) {
		return name(queue) + ".dlt";
	}

	/**
	 * The full name of the delay topic of a delayed work queue for one delay.
	 */
	public String delayName(String queue, Duration delay) {
		return delayPrefix(queue) + delay.toMillis() + "ms";
	}

	/**
	 * What the names of a delayed work queue's delay topics start with.
	 */
	String delayPrefix(String queue) {
		return name(queue) + ".delay-";
	}

	/**
	 * The consumer group of a work topic's consumers (one group per topic, so a new
	 * topic's consumers do not rebalance the others).
	 */
	public String groupId(String queue) {
		return name(queue) + ".workers";
	}

	@Override
	public void publish(String queue, Object payload, long orgId, String key) {
		send(record(name(queue), key, this.json.writeValueAsBytes(payload), UUID.randomUUID().toString(),
				MimeTypeUtils.APPLICATION_JSON_VALUE, orgId));
	}

	@Override
	public void publishDelayed(String queue, Object payload, long orgId, String key, Duration delay) {
		if (!DELAYED.contains(queue)) {
			throw new IllegalArgumentException(queue + " takes no delayed records");
		}
		List<Duration> steps = DELAY_STEPS.get(queue);
		if (steps != null && !steps.contains(delay)) {
			throw new IllegalArgumentException(queue + " takes the delays " + steps + ", not " + delay);
		}
		String topic = delayName(queue, delay);
		this.relays.relay(topic, name(queue));
		ProducerRecord<String, byte[]> record = record(topic, key, this.json.writeValueAsBytes(payload),
				UUID.randomUUID().toString(), MimeTypeUtils.APPLICATION_JSON_VALUE, orgId);
		record.headers()
			.add(DUE_HEADER,
					Long.toString(System.currentTimeMillis() + delay.toMillis()).getBytes(StandardCharsets.UTF_8));
		send(record);
	}

	@Override
	public <T> void consume(String queue, Class<T> type, Consumer<T> work) {
		this.handlers.register(queue, type, work);
	}

	@Override
	public void resend(String queueName, byte[] body, @Nullable String messageId, @Nullable String contentType,
			long orgId) {
		// the original key is not kept with a dead letter: a replay is out of order
		// anyway
		send(record(queueName, Long.toString(orgId), body, messageId, contentType, orgId));
	}

	private static ProducerRecord<String, byte[]> record(String topic, String key, byte[] body,
			@Nullable String messageId, @Nullable String contentType, long orgId) {
		ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, key, body);
		record.headers().add(ORG_HEADER, Long.toString(orgId).getBytes(StandardCharsets.UTF_8));
		if (messageId != null) {
			record.headers().add(MESSAGE_ID_HEADER, messageId.getBytes(StandardCharsets.UTF_8));
		}
		if (contentType != null) {
			record.headers().add(MessageHeaders.CONTENT_TYPE, contentType.getBytes(StandardCharsets.UTF_8));
		}
		return record;
	}

	/**
	 * Sends a record and waits for the broker's acknowledgement.
	 * @throws KafkaException if it does not come in time or the send failed
	 */
	void send(ProducerRecord<String, byte[]> record) {
		try {
			this.kafka.send(record).get(this.settings.sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new KafkaException("Interrupted while sending to " + record.topic(), ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new KafkaException("Kafka did not acknowledge a record for " + record.topic(),
					(ex.getCause() != null) ? ex.getCause() : ex);
		}
	}

	/**
	 * Runs the registered work of a work queue for one record, once; whatever it throws
	 * fails the attempt (the container's error handler tries again or dead-letters it).
	 */
	void handle(String queue, ConsumerRecord<String, byte[]> record) {
		this.meters.counter("orderpulse.broker.attempts", "queue", record.topic()).increment();
		this.handlers.run(queue, (record.value() != null) ? record.value() : new byte[0]);
		this.meters.counter("orderpulse.broker.messages", "queue", record.topic(), "outcome", "acknowledged")
			.increment();
	}

	/**
	 * Counts a record published to its dead-letter topic.
	 */
	void deadLettered(ConsumerRecord<?, ?> record) {
		this.meters.counter("orderpulse.broker.messages", "queue", record.topic(), "outcome", "dead-lettered")
			.increment();
	}

	/**
	 * The text of a record's last header of that name, null if it has none.
	 */
	static @Nullable String header(Headers headers, String name) {
		Header header = headers.lastHeader(name);
		return (header != null && header.value() != null) ? new String(header.value(), StandardCharsets.UTF_8) : null;
	}

}
