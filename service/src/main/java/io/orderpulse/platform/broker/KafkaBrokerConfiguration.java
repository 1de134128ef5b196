package io.orderpulse.platform.broker;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.annotation.EnableKafka;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.listener.ContainerProperties.AckMode;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.ExponentialBackOffWithMaxRetries;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.MessageHeaders;
import org.springframework.modulith.events.IncompleteEventPublications;
import org.springframework.util.backoff.FixedBackOff;

/**
 * Broker mode on Kafka ({@code orderpulse.broker=kafka}): the producer ({@code acks=all},
 * idempotent), the work topics and their dead-letter topics (created through Spring's
 * {@code KafkaAdmin} when missing), their consumers with the bounded retry and
 * dead-letter publishing, the delay relays, and the listener that moves dead letters into
 * the database. See {@link KafkaWorkQueues} for the design.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = BrokerSettings.BROKER, havingValue = BrokerSettings.KAFKA)
@EnableKafka
class KafkaBrokerConfiguration {

	private static final Logger log = LoggerFactory.getLogger(KafkaBrokerConfiguration.class);

	@Bean
	ProducerFactory<String, byte[]> kafkaProducerFactory(KafkaProperties properties, KafkaBrokerSettings settings) {
		Map<String, Object> config = properties.buildProducerProperties();
		config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
		config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
		// a record is acknowledged once every in-sync replica has it, and a retried send
		// is not written twice
		config.put(ProducerConfig.ACKS_CONFIG, "all");
		config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
		// a send to an unreachable Kafka fails within the send timeout instead of
		// blocking for a minute on metadata
		config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, settings.sendTimeout().toMillis());
		return new DefaultKafkaProducerFactory<>(config);
	}

	@Bean
	KafkaTemplate<String, byte[]> kafkaTemplate(ProducerFactory<String, byte[]> producers) {
		return new KafkaTemplate<>(producers);
	}

	@Bean
	ConsumerFactory<String, byte[]> kafkaConsumerFactory(KafkaProperties properties) {
		Map<String, Object> config = properties.buildConsumerProperties();
		config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
		config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
		config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		// a group's first consumer reads what was published before it joined
		config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		return new DefaultKafkaConsumerFactory<>(config);
	}

	@Bean
	KafkaDelayRelays kafkaDelayRelays(KafkaBrokerSettings settings, ConsumerFactory<String, byte[]> consumers,
			KafkaTemplate<String, byte[]> kafka, KafkaAdmin admin) {
		return new KafkaDelayRelays(settings, consumers, kafka, admin);
	}

	@Bean
	KafkaWorkQueues kafkaWorkQueues(KafkaBrokerSettings settings, KafkaTemplate<String, byte[]> kafka, JsonMapper json,
			MeterRegistry meters, KafkaDelayRelays relays) {
		return new KafkaWorkQueues(settings, kafka, json, meters, relays);
	}

	@Bean
	KafkaAdmin.NewTopics workTopics(KafkaWorkQueues queues, KafkaBrokerSettings settings) {
		List<NewTopic> topics = new ArrayList<>();
		for (String queue : BrokerQueues.ALL) {
			topics.add(new NewTopic(queues.name(queue), settings.partitions(), settings.replicationFactor()));
			topics.add(new NewTopic(queues.deadLetterName(queue), settings.partitions(), settings.replicationFactor()));
		}
		return new KafkaAdmin.NewTopics(topics.toArray(NewTopic[]::new));
	}

	/**
	 * The container factory of the work topics: the offset of a record is committed after
	 * its work returned ({@code RECORD}); a failed record is tried again in place with an
	 * exponential back-off until {@code max-attempts}, then published to
	 * {@code <topic>.dlt} (waiting for the send result; if that fails too the record is
	 * tried again rather than skipped) and committed.
	 */
	@Bean
	ConcurrentKafkaListenerContainerFactory<String, byte[]> kafkaListenerContainerFactory(
			ConsumerFactory<String, byte[]> consumers, KafkaTemplate<String, byte[]> kafka, KafkaWorkQueues queues,
			KafkaBrokerSettings settings) {
		DeadLetterPublishingRecoverer deadLetters = new DeadLetterPublishingRecoverer(kafka,
				// no partition: the dead-letter topic need not have the work topic's
				(record, ex) -> new TopicPartition(record.topic() + ".dlt", -1));
		ExponentialBackOffWithMaxRetries backOff = new ExponentialBackOffWithMaxRetries(
				Math.max(0, settings.maxAttempts() - 1));
		backOff.setInitialInterval(settings.retryDelay().toMillis());
		backOff.setMultiplier(2);
		DefaultErrorHandler errors = new DefaultErrorHandler((record, ex) -> {
			deadLetters.accept(record, ex);
			queues.deadLettered(record);
			log.warn("Record {}-{}@{} failed {} times, published to the dead-letter topic: {}", record.topic(),
					record.partition(), record.offset(), settings.maxAttempts(), String.valueOf(ex.getCause()));
		}, backOff);
		ConcurrentKafkaListenerContainerFactory<String, byte[]> factory = new ConcurrentKafkaListenerContainerFactory<>();
		factory.setConsumerFactory(consumers);
		factory.getContainerProperties().setAckMode(AckMode.RECORD);
		factory.setCommonErrorHandler(errors);
		return factory;
	}

	/**
	 * The container factory of the dead-letter topics: a dead letter that cannot be
	 * stored (database down) is tried again every second, never skipped.
	 */
	@Bean
	ConcurrentKafkaListenerContainerFactory<String, byte[]> deadLetterListenerContainerFactory(
			ConsumerFactory<String, byte[]> consumers) {
		ConcurrentKafkaListenerContainerFactory<String, byte[]> factory = new ConcurrentKafkaListenerContainerFactory<>();
		factory.setConsumerFactory(consumers);
		factory.getContainerProperties().setAckMode(AckMode.RECORD);
		factory.setCommonErrorHandler(new DefaultErrorHandler(new FixedBackOff(1000, FixedBackOff.UNLIMITED_ATTEMPTS)));
		return factory;
	}

	@Bean
	WorkListener kafkaWorkListener(KafkaWorkQueues kafkaWorkQueues) {
		return new WorkListener(kafkaWorkQueues);
	}

	@Bean
	DeadLetters deadLetters(JdbcClient jdbc, KafkaWorkQueues queues) {
		return new DeadLetters(jdbc, queues);
	}

	@Bean
	DeadLetterMover kafkaDeadLetterMover(DeadLetters deadLetters, KafkaBrokerSettings settings) {
		return new DeadLetterMover(deadLetters, settings);
	}

	@Bean
	OutboxResubmission outboxResubmission(IncompleteEventPublications incomplete, KafkaBrokerSettings settings) {
		return new OutboxResubmission(incomplete, settings.resubmitAfter());
	}

	/**
	 * Consumes the work topics with the work the modules registered
	 * ({@link KafkaWorkQueues#consume}).
	 */
	static class WorkListener {

		private final KafkaWorkQueues queues;

		WorkListener(KafkaWorkQueues queues) {
			this.queues = queues;
		}

		@KafkaListener(topics = "#{@kafkaWorkQueues.name('order-requests')}",
				groupId = "#{@kafkaWorkQueues.groupId('order-requests')}")
		void orderRequests(ConsumerRecord<String, byte[]> record) {
			this.queues.handle(BrokerQueues.ORDER_REQUESTS, record);
		}

		@KafkaListener(topics = "#{@kafkaWorkQueues.name('flash-sale-orders')}",
				groupId = "#{@kafkaWorkQueues.groupId('flash-sale-orders')}")
		void flashSaleOrders(ConsumerRecord<String, byte[]> record) {
			this.queues.handle(BrokerQueues.FLASH_SALE_ORDERS, record);
		}

		@KafkaListener(topics = "#{@kafkaWorkQueues.name('payment-timeouts')}",
				groupId = "#{@kafkaWorkQueues.groupId('payment-timeouts')}")
		void paymentTimeouts(ConsumerRecord<String, byte[]> record) {
			this.queues.handle(BrokerQueues.PAYMENT_TIMEOUTS, record);
		}

		@KafkaListener(topics = "#{@kafkaWorkQueues.name('delivery-wakeups')}",
				groupId = "#{@kafkaWorkQueues.groupId('delivery-wakeups')}")
		void deliveryWakeups(ConsumerRecord<String, byte[]> record) {
			this.queues.handle(BrokerQueues.DELIVERY_WAKEUPS, record);
		}

	}

	/**
	 * Moves every record of the dead-letter topics into the database; its offset is
	 * committed after the insert committed.
	 */
	static class DeadLetterMover {

		private final DeadLetters deadLetters;

		private final KafkaBrokerSettings settings;

		DeadLetterMover(DeadLetters deadLetters, KafkaBrokerSettings settings) {
			this.deadLetters = deadLetters;
			this.settings = settings;
		}

		@KafkaListener(
				topics = { "#{@kafkaWorkQueues.deadLetterName('order-requests')}",
						"#{@kafkaWorkQueues.deadLetterName('flash-sale-orders')}",
						"#{@kafkaWorkQueues.deadLetterName('payment-timeouts')}",
						"#{@kafkaWorkQueues.deadLetterName('delivery-wakeups')}" },
				groupId = "#{@kafkaWorkQueues.name('dead-letters')}",
				containerFactory = "deadLetterListenerContainerFactory")
		void move(ConsumerRecord<String, byte[]> record) {
			String queue = KafkaWorkQueues.header(record.headers(), KafkaHeaders.DLT_ORIGINAL_TOPIC);
			if (queue == null) {
				queue = record.topic().substring(0, record.topic().length() - ".dlt".length());
			}
			String cause = KafkaWorkQueues.header(record.headers(), KafkaHeaders.DLT_EXCEPTION_CAUSE_FQCN);
			if (cause == null) {
				cause = KafkaWorkQueues.header(record.headers(), KafkaHeaders.DLT_EXCEPTION_FQCN);
			}
			String reason = "rejected after " + this.settings.maxAttempts() + " attempts"
					+ ((cause != null) ? ": " + cause : "");
			this.deadLetters.store(queue, KafkaWorkQueues.header(record.headers(), KafkaWorkQueues.MESSAGE_ID_HEADER),
					KafkaWorkQueues.header(record.headers(), MessageHeaders.CONTENT_TYPE),
					(record.value() != null) ? record.value() : new byte[0], reason,
					DeadLetters.orgOf(KafkaWorkQueues.header(record.headers(), BrokerQueues.ORG_HEADER)));
		}

	}

}
