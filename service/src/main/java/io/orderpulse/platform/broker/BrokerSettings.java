package io.orderpulse.platform.broker;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the RabbitMQ work queues ({@code orderpulse.rabbitmq.*}); the connection
 * itself is Spring Boot's ({@code spring.rabbitmq.*}, which profile {@code cluster}
 * points at {@code RABBITMQ_URL}).
 *
 * @param queuePrefix what every queue and exchange name of this deployment starts with
 * (tests use a prefix of their own)
 * @param maxAttempts how often a message is tried before it is rejected to the
 * dead-letter queue
 * @param retryDelay the pause before the second attempt, doubled before each further one
 * @param confirmTimeout how long a publish waits for the broker's confirm
 * @param resubmitAfter how old an incomplete event publication (the outbox) must be
 * before it is submitted again ({@code resubmit-interval}, default 30 s, says how often
 * that is checked)
 */
@ConfigurationProperties("orderpulse.rabbitmq")
public record BrokerSettings(@DefaultValue("orderpulse.") String queuePrefix, @DefaultValue("3") int maxAttempts,
		@DefaultValue("200ms") Duration retryDelay, @DefaultValue("5s") Duration confirmTimeout,
		@DefaultValue("1m") Duration resubmitAfter) {

	/**
	 * The property that chooses the broker: {@code in-process} (default),
	 * {@code rabbitmq} or {@code kafka}.
	 */
	public static final String BROKER = "orderpulse.broker";

	/** The value of {@link #BROKER} for RabbitMQ. */
	public static final String RABBITMQ = "rabbitmq";

	/** The value of {@link #BROKER} for Kafka. */
	public static final String KAFKA = "kafka";

	/**
	 * A condition ({@code @ConditionalOnExpression}) true with a broker other than the
	 * in-process one: where the modules' queue adapters and the dead-letter endpoint
	 * exist. An unknown broker name then fails the start (no {@link BrokerQueues}).
	 */
	public static final String ON_BROKER = "'${" + BROKER + ":" + "in-process}' != 'in-process'";

	/** The value of {@link #BROKER} for the in-process default. */
	public static final String IN_PROCESS = "in-process";

}
