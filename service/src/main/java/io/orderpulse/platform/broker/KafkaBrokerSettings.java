package io.orderpulse.platform.broker;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the Kafka work topics ({@code orderpulse.kafka.*}, with
 * {@code orderpulse.broker=kafka}); the connection itself is Spring Boot's
 * ({@code spring.kafka.*}, which profile {@code cluster} points at
 * {@code KAFKA_BOOTSTRAP_SERVERS}).
 *
 * @param topicPrefix what every topic and consumer group name of this deployment starts
 * with (tests use a prefix of their own)
 * @param partitions the partitions of each work topic and its dead-letter topic when this
 * service creates them (at most this many consumers per topic share the work)
 * @param replicationFactor the replication factor of the topics this service creates
 * @param maxAttempts how often a record is tried before it is published to the
 * dead-letter topic
 * @param retryDelay the pause before the second attempt, doubled before each further one
 * @param sendTimeout how long a publish waits for the broker's acknowledgement
 * ({@code acks=all})
 * @param delayCheck the longest a delay relay sleeps before looking at a record that is
 * not due yet again
 * @param resubmitAfter how old an incomplete event publication (the outbox) must be
 * before it is submitted again ({@code resubmit-interval}, default 30 s, says how often
 * that is checked)
 */
@ConfigurationProperties("orderpulse.kafka")
public record KafkaBrokerSettings(@DefaultValue("orderpulse.") String topicPrefix, @DefaultValue("3") int partitions,
		@DefaultValue("1") short replicationFactor, @DefaultValue("3") int maxAttempts,
		@DefaultValue("200ms") Duration retryDelay, @DefaultValue("10s") Duration sendTimeout,
		@DefaultValue("30s") Duration delayCheck, @DefaultValue("1m") Duration resubmitAfter) {

}
