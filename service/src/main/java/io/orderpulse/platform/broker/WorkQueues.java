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
import org.jspecify.annotations.Nullable;
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
 * The {@link BrokerQueues} on RabbitMQ ({@code orderpulse.broker=rabbitmq}): publishing
 * with publisher confirms, and consuming with manual acknowledgement and a bounded retry.
 * A message is acknowledged once its work succeeded; after
 * {@link BrokerSettings#maxAttempts()} failed attempts (spaced by a growing delay) it is
 * rejected without requeueing, and the queue's dead-letter exchange moves it to
 * {@code <queue>.dlq}. Delayed messages wait in {@code <queue>.delay} until their
 * expiration, then RabbitMQ dead-letters them into the work queue; a queue with
 * {@link #DELAY_STEPS} has a delay queue per step instead,
 * {@code <queue>.delay-<millis>ms}, whose messages all expire after the queue's TTL. The
 * partition key of a publish is not used: each queue is one FIFO. Work must be
 * idempotent: a message is redelivered if the node dies before acknowledging it.
 */
public class WorkQueues implements BrokerQueues {

	private static final Logger log = LoggerFactory.getLogger(WorkQueues.class);

	private final BrokerSettings settings;

	private final RabbitTemplate rabbit;

	private final JsonMapper json;

	private final RetryTemplate retry;

	private final MeterRegistry meters;

	private final WorkHandlers handlers;

	WorkQueues(BrokerSettings settings, RabbitTemplate rabbit, JsonMapper json, MeterRegistry meters) {
		this.settings = settings;
		this.handlers = new WorkHandlers(json);
		this.meters = meters;
		this.rabbit = rabbit;
		this.json = json;
		this.retry = new RetryTemplate(RetryPolicy.builder()
			.maxRetries(Math.max(0, settings.maxAttempts() - 1))
			.delay(settings.retryDelay())
			.multiplier(2)
			.build());
	}

	@Override
	public String name(String queue) {
		return this.settings.queuePrefix() + queue;
	}

	@Override
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
	 * The full name of a stepped delayed work queue's delay queue for one of its
	 * {@link #DELAY_STEPS}.
	 */
	public String delayName(String queue, Duration step) {
		return name(queue) + ".delay-" + step.toMillis() + "ms";
	}

	/**
	 * The full names of a delayed work queue's delay queues: the one, or one per step.
	 */
	public List<String> delayNames(String queue) {
		List<Duration> steps = DELAY_STEPS.get(queue);
		return (steps != null) ? steps.stream().map((step) -> delayName(queue, step)).toList()
				: List.of(delayName(queue));
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
	@Override
	public void publish(String queue, Object payload, long orgId, String key) {
		send(name(queue), message(payload, orgId).build());
	}

	/**
	 * Publishes a payload to a {@link #DELAYED} work queue's delay queue, from which it
	 * reaches the work queue after {@code delay}. Every message of one delay queue should
	 * have the same delay: RabbitMQ expires messages at the head of a queue only. A queue
	 * with {@link #DELAY_STEPS} goes to the delay queue of the step, whose TTL is the
	 * delay.
	 */
	@Override
	public void publishDelayed(String queue, Object payload, long orgId, String key, Duration delay) {
		List<Duration> steps = DELAY_STEPS.get(queue);
		if (steps == null) {
			send(delayName(queue), message(payload, orgId).setExpiration(Long.toString(delay.toMillis())).build());
			return;
		}
		if (!steps.contains(delay)) {
			throw new IllegalArgumentException(queue + " takes the delays " + steps + ", not " + delay);
		}
		send(delayName(queue, delay), message(payload, orgId).build());
	}

	@Override
	public <T> void consume(String queue, Class<T> type, Consumer<T> work) {
		this.handlers.register(queue, type, work);
	}

	@Override
	public void resend(String queueName, byte[] body, @Nullable String messageId, @Nullable String contentType,
			long orgId) {
		MessageBuilderSupport<Message> message = MessageBuilder.withBody(body)
			.setDeliveryMode(MessageDeliveryMode.PERSISTENT)
			.setHeader(ORG_HEADER, orgId);
		if (messageId != null) {
			message.setMessageId(messageId);
		}
		if (contentType != null) {
			message.setContentType(contentType);
		}
		send(queueName, message.build());
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
	 * Handles one delivery of a work queue with the work registered for it
	 * ({@link #consume}).
	 * @see #handle(Message, Channel, Class, Consumer)
	 */
	void handle(String queue, Message message, Channel channel) {
		handle(message, channel, (body) -> this.handlers.run(queue, body));
	}

	/**
	 * Handles one delivery of a listener in manual acknowledgement mode: reads the body
	 * as {@code type} and runs the work, trying again with a growing delay; acknowledges
	 * on success, rejects without requeueing (to the dead-letter queue) when every
	 * attempt failed. A body that cannot be read fails every attempt too.
	 */
	public <T> void handle(Message message, Channel channel, Class<T> type, Consumer<T> work) {
		handle(message, channel, (body) -> work.accept(this.json.readValue(body, type)));
	}

	private void handle(Message message, Channel channel, Consumer<byte[]> work) {
		long tag = message.getMessageProperties().getDeliveryTag();
		String queue = String.valueOf(message.getMessageProperties().getConsumerQueue());
		Counter attempts = this.meters.counter("orderpulse.broker.attempts", "queue", queue);
		try {
			this.retry.execute(() -> {
				attempts.increment();
				work.accept(message.getBody());
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
