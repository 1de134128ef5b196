package io.orderpulse.platform.broker;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.KafkaException;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.AcknowledgingMessageListener;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.ContainerProperties.AckMode;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.KafkaMessageListenerContainer;
import org.springframework.kafka.support.Acknowledgment;
import org.springframework.util.backoff.FixedBackOff;

/**
 * The relays of Kafka's delay topics ({@link KafkaWorkQueues}): one listener container
 * per delay topic ({@code <topic>.delay-<millis>ms}, one partition, consumer group
 * {@code <delay topic>.relay}), which forwards each record to its work topic once the
 * record's {@link KafkaWorkQueues#DUE_HEADER due time} has come and only then commits its
 * offset. A record not yet due is the head of its partition and the next one due (every
 * record of the topic has the same delay), so the relay {@code nack}s it with the time
 * left (at most {@code delay-check}): spring-kafka re-seeks it and pauses the consumer
 * for that long while still polling, so the group does not rebalance. A node relays the
 * delay topics that existed when it started and those it created by publishing; with the
 * same configuration every node has the same delays. A failing forward is tried again
 * every second, never dropped; a record forwarded twice (a crash between forward and
 * commit) is absorbed by the idempotent consumers.
 */
class KafkaDelayRelays implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(KafkaDelayRelays.class);

	private static final String DELAY = ".delay-";

	private final KafkaBrokerSettings settings;

	private final ConsumerFactory<String, byte[]> consumers;

	private final KafkaTemplate<String, byte[]> kafka;

	private final KafkaAdmin admin;

	private final Map<String, KafkaMessageListenerContainer<String, byte[]>> relays = new ConcurrentHashMap<>();

	private volatile boolean running;

	KafkaDelayRelays(KafkaBrokerSettings settings, ConsumerFactory<String, byte[]> consumers,
			KafkaTemplate<String, byte[]> kafka, KafkaAdmin admin) {
		this.settings = settings;
		this.consumers = consumers;
		this.kafka = kafka;
		this.admin = admin;
	}

	/**
	 * Makes sure a delay topic exists and this node relays it to its work topic.
	 */
	void relay(String delayTopic, String workTopic) {
		if (this.relays.containsKey(delayTopic)) {
			return;
		}
		synchronized (this) {
			if (this.relays.containsKey(delayTopic)) {
				return;
			}
			this.admin.createOrModifyTopics(new NewTopic(delayTopic, 1, this.settings.replicationFactor()));
			KafkaMessageListenerContainer<String, byte[]> container = container(delayTopic, workTopic);
			if (this.running) {
				container.start();
			}
			this.relays.put(delayTopic, container);
		}
	}

	@Override
	public synchronized void start() {
		for (String topic : existingDelayTopics()) {
			if (!this.relays.containsKey(topic)) {
				this.relays.put(topic, container(topic, topic.substring(0, topic.lastIndexOf(DELAY))));
			}
		}
		this.relays.values().forEach(KafkaMessageListenerContainer::start);
		this.running = true;
		log.info("Relaying the delay topics {}", this.relays.keySet());
	}

	@Override
	public synchronized void stop() {
		this.running = false;
		this.relays.values().forEach(KafkaMessageListenerContainer::stop);
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	private Set<String> existingDelayTopics() {
		try (AdminClient client = AdminClient.create(this.admin.getConfigurationProperties())) {
			Set<String> names = client.listTopics()
				.names()
				.get(this.settings.sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
			return names.stream()
				.filter((name) -> BrokerQueues.DELAYED.stream()
					.anyMatch((queue) -> name.startsWith(this.settings.topicPrefix() + queue + DELAY)))
				.collect(Collectors.toSet());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return Set.of();
		}
		catch (ExecutionException | TimeoutException | RuntimeException ex) {
			// Kafka unreachable at start: the delays this node publishes are relayed
			// (their topics are created then), others once it restarts
			log.warn("Could not list the delay topics, relaying only those this node creates: {}", ex.toString());
			return Set.of();
		}
	}

	private KafkaMessageListenerContainer<String, byte[]> container(String delayTopic, String workTopic) {
		ContainerProperties properties = new ContainerProperties(delayTopic);
		properties.setGroupId(delayTopic + ".relay");
		properties.setAckMode(AckMode.MANUAL);
		properties.setMessageListener((AcknowledgingMessageListener<String, byte[]>) (record,
				acknowledgment) -> forwardWhenDue(record, acknowledgment, workTopic));
		KafkaMessageListenerContainer<String, byte[]> container = new KafkaMessageListenerContainer<>(this.consumers,
				properties);
		container.setBeanName("relay-" + delayTopic);
		container
			.setCommonErrorHandler(new DefaultErrorHandler(new FixedBackOff(1000, FixedBackOff.UNLIMITED_ATTEMPTS)));
		return container;
	}

	private void forwardWhenDue(ConsumerRecord<String, byte[]> record, Acknowledgment acknowledgment,
			String workTopic) {
		String due = KafkaWorkQueues.header(record.headers(), KafkaWorkQueues.DUE_HEADER);
		long left = 0;
		try {
			left = (due != null) ? Long.parseLong(due) - System.currentTimeMillis() : 0;
		}
		catch (NumberFormatException ex) {
			log.warn("Delayed record {} of {} has an unreadable due time {}, forwarding it now", record.offset(),
					record.topic(), due);
		}
		if (left > 0) {
			acknowledgment.nack(Duration.ofMillis(Math.min(left, this.settings.delayCheck().toMillis())));
			return;
		}
		ProducerRecord<String, byte[]> forward = new ProducerRecord<>(workTopic, null, record.key(), record.value(),
				new RecordHeaders(record.headers().toArray()));
		forward.headers().remove(KafkaWorkQueues.DUE_HEADER);
		try {
			this.kafka.send(forward).get(this.settings.sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new KafkaException("Interrupted while relaying to " + workTopic, ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new KafkaException("Kafka did not acknowledge a relayed record for " + workTopic, ex);
		}
		acknowledgment.acknowledge();
	}

}
