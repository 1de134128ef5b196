package io.orderpulse.platform.broker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

import com.rabbitmq.client.Channel;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.MessageBuilderSupport;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.core.retry.RetryException;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;

/**
 * The RabbitMQ work queues of broker mode: publishing with publisher confirms, and
 * consuming with manual acknowledgement and a bounded retry. A message is acknowledged
 * once its work succeeded; after {@link BrokerSettings#maxAttempts()} failed attempts
 * (spaced by a growing delay) it is rejected without requeueing, and the queue's
 * dead-letter exchange moves it to {@code <queue>.dlq}. Work must be idempotent: a
 * message is redelivered if the node dies before acknowledging it.
 */
public class WorkQueues {

	/** Order requests ({@code OrderRequested}). */
	public static final String ORDER_REQUESTS = "order-requests";

	/** Flash-sale admissions whose order is to be created ({@code FlashSaleAdmitted}). */
	public static final String FLASH_SALE_ORDERS = "flash-sale-orders";

	/**
	 * Orders whose payment timeout came due ({@code OrderPlaced}), published to
	 * {@code <queue>.delay} first.
	 */
	public static final String PAYMENT_TIMEOUTS = "payment-timeouts";

	/** Every work queue; each has a dead-letter queue. */
	public static final List<String> ALL = List.of(ORDER_REQUESTS, FLASH_SALE_ORDERS, PAYMENT_TIMEOUTS);

	/**
	 * The work queues fed through a delay queue ({@link #delayName(String)}): a message
	 * waits there until its expiration, then RabbitMQ dead-letters it into the work
	 * queue.
	 */
	public static final List<String> DELAYED = List.of(PAYMENT_TIMEOUTS);

	/** The header carrying the organization a message belongs to. */
	public static final String ORG_HEADER = "x-orderpulse-org";

	private static final Logger log = LoggerFactory.getLogger(WorkQueues.class);

	private final BrokerSettings settings;

	private final RabbitTemplate rabbit;

	private final JsonMapper json;

	private final RetryTemplate retry;

	private final MeterRegistry meters;

	WorkQueues(BrokerSettings settings, RabbitTemplate rabbit, JsonMapper json, MeterRegistry meters) {
		this.settings = settings;
		this.meters = meters;
		this.rabbit = rabbit;
		this.json = json;
		this.retry = new RetryTemplate(RetryPolicy.builder()
			.maxRetries(Math.max(0, settings.maxAttempts() - 1))
			.delay(settings.retryDelay())
			.multiplier(2)
			.build());
	}

	/**
	 * The full name of a work queue ({@link #ORDER_REQUESTS},
	 * {@link #FLASH_SALE_ORDERS}).
	 */
	public String name(String queue) {
		return this.settings.queuePrefix() + queue;
	}

	/**
	 * The full name of a work queue's dead-letter queue.
	 */
	public String deadLetterName(String queue) {
		return name(queue) + ".dlq";
	}

	/**
	 * The full name of a delayed work queue's delay queue.
	 */
	public String delayName(String queue) {
		return name(queue) + ".delay";
	}

	/**
	 * The name of the exchange that routes rejected messages to the dead-letter queues.
	 */
	public String deadLetterExchange() {
		return this.settings.queuePrefix() + "dead-letters";
	}

	/**
	 * Publishes a payload as JSON, persistent, to a work queue and waits for the broker's
	 * confirm.
	 * @throws org.springframework.amqp.AmqpException if the broker does not confirm in
	 * time (the caller's outbox entry then stays incomplete and is published again)
	 */
	public void publish(String queue, Object payload, long orgId) {
		send(name(queue), message(payload, orgId).build());
	}

	/**
	 * Publishes a payload to a {@link #DELAYED} work queue's delay queue, from which it
	 * reaches the work queue after {@code delay}. Every message of one delay queue should
	 * have the same delay: RabbitMQ expires messages at the head of a queue only.
	 */
	public void publishDelayed(String queue, Object payload, long orgId, Duration delay) {
		send(delayName(queue), message(payload, orgId).setExpiration(Long.toString(delay.toMillis())).build());
	}

	private MessageBuilderSupport<Message> message(Object payload, long orgId) {
		return MessageBuilder.withBody(this.json.writeValueAsBytes(payload))
			.setContentType(MessageProperties.CONTENT_TYPE_JSON)
			.setMessageId(UUID.randomUUID().toString())
			.setDeliveryMode(MessageDeliveryMode.PERSISTENT)
			.setHeader(ORG_HEADER, orgId);
	}

	/**
	 * Sends a message as it is to a queue (by its full name) and waits for the confirm.
	 */
	void send(String queueName, Message message) {
		this.rabbit.invoke((operations) -> {
			operations.send("", queueName, message);
			operations.waitForConfirmsOrDie(this.settings.confirmTimeout().toMillis());
			return null;
		});
	}

	/**
	 * Handles one delivery of a listener in manual acknowledgement mode: reads the body
	 * as {@code type} and runs the work, trying again with a growing delay; acknowledges
	 * on success, rejects without requeueing (to the dead-letter queue) when every
	 * attempt failed. A body that cannot be read fails every attempt too.
	 */
	public <T> void handle(Message message, Channel channel, Class<T> type, Consumer<T> work) {
		long tag = message.getMessageProperties().getDeliveryTag();
		String queue = String.valueOf(message.getMessageProperties().getConsumerQueue());
		Counter attempts = this.meters.counter("orderpulse.broker.attempts", "queue", queue);
		try {
			this.retry.execute(() -> {
				attempts.increment();
				work.accept(this.json.readValue(message.getBody(), type));
				return null;
			});
			acknowledge(channel, tag, true);
			this.meters.counter("orderpulse.broker.messages", "queue", queue, "outcome", "acknowledged").increment();
		}
		catch (RetryException ex) {
			this.meters.counter("orderpulse.broker.messages", "queue", queue, "outcome", "dead-lettered").increment();
			log.warn("Message {} on {} failed {} times, rejecting it to the dead-letter queue: {}",
					message.getMessageProperties().getMessageId(), message.getMessageProperties().getConsumerQueue(),
					this.settings.maxAttempts(), String.valueOf(ex.getCause()));
			acknowledge(channel, tag, false);
		}
	}

	private static void acknowledge(Channel channel, long tag, boolean success) {
		try {
			if (success) {
				channel.basicAck(tag, false);
			}
			else {
				channel.basicReject(tag, false);
			}
		}
		catch (IOException ex) {
			// the channel is gone: the broker redelivers the message
			throw new UncheckedIOException(ex);
		}
	}

}
