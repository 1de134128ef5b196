package io.orderpulse.platform.broker;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.rabbitmq.client.Channel;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Declarable;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.DirectExchange;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.IncompleteEventPublications;

/**
 * Broker mode on RabbitMQ: the durable work queues, each with its dead-letter queue
 * behind one direct dead-letter exchange (declared by Spring AMQP's {@code RabbitAdmin}
 * on connection), their consumers, and the listener that moves dead letters into the
 * database.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = BrokerSettings.BROKER, havingValue = BrokerSettings.RABBITMQ)
class RabbitBrokerConfiguration {

	private static final Logger log = LoggerFactory.getLogger(RabbitBrokerConfiguration.class);

	@Bean
	WorkQueues workQueues(BrokerSettings settings, RabbitTemplate rabbit, JsonMapper json, MeterRegistry meters) {
		return new WorkQueues(settings, rabbit, json, meters);
	}

	@Bean
	DeadLetters deadLetters(JdbcClient jdbc, WorkQueues workQueues) {
		return new DeadLetters(jdbc, workQueues);
	}

	@Bean
	Declarables workQueueDeclarations(WorkQueues queues) {
		DirectExchange deadLetters = new DirectExchange(queues.deadLetterExchange(), true, false);
		List<Declarable> declarables = new ArrayList<>(List.of(deadLetters));
		for (String queue : WorkQueues.ALL) {
			// published to the default exchange, so the routing key is the queue's name
			// and dead-lettering keeps it
			Queue work = QueueBuilder.durable(queues.name(queue)).deadLetterExchange(deadLetters.getName()).build();
			Queue dead = QueueBuilder.durable(queues.deadLetterName(queue)).build();
			Binding binding = BindingBuilder.bind(dead).to(deadLetters).with(queues.name(queue));
			declarables.addAll(List.of(work, dead, binding));
		}
		for (String queue : WorkQueues.DELAYED) {
			// nobody consumes a delay queue: expired messages go to the work queue
			List<Duration> steps = WorkQueues.DELAY_STEPS.get(queue);
			if (steps == null) {
				declarables.add(QueueBuilder.durable(queues.delayName(queue))
					.deadLetterExchange("")
					.deadLetterRoutingKey(queues.name(queue))
					.build());
				continue;
			}
			for (Duration step : steps) {
				// one TTL for the whole queue: its head is always the first to expire
				declarables.add(QueueBuilder.durable(queues.delayName(queue, step))
					.ttl((int) step.toMillis())
					.deadLetterExchange("")
					.deadLetterRoutingKey(queues.name(queue))
					.build());
			}
		}
		return new Declarables(declarables);
	}

	@Bean
	OutboxResubmission outboxResubmission(IncompleteEventPublications incomplete, BrokerSettings settings) {
		return new OutboxResubmission(incomplete, settings.resubmitAfter());
	}

	@Bean
	ReconnectResubmission reconnectResubmission(IncompleteEventPublications incomplete,
			ConnectionFactory connectionFactory) {
		ReconnectResubmission resubmission = new ReconnectResubmission(incomplete);
		connectionFactory.addConnectionListener(resubmission);
		return resubmission;
	}

	@Bean
	DeadLetterMover deadLetterMover(DeadLetters deadLetters) {
		return new DeadLetterMover(deadLetters);
	}

	@Bean
	WorkListener workListener(WorkQueues workQueues) {
		return new WorkListener(workQueues);
	}

	/**
	 * Consumes the work queues (one listener container each, in manual acknowledgement
	 * mode) with the work the modules registered ({@link WorkQueues#consume}).
	 */
	static class WorkListener {

		private final WorkQueues queues;

		WorkListener(WorkQueues queues) {
			this.queues = queues;
		}

		@RabbitListener(queues = "#{@workQueues.name('order-requests')}", ackMode = "MANUAL")
		void orderRequests(Message message, Channel channel) {
			this.queues.handle(WorkQueues.ORDER_REQUESTS, message, channel);
		}

		@RabbitListener(queues = "#{@workQueues.name('flash-sale-orders')}", ackMode = "MANUAL")
		void flashSaleOrders(Message message, Channel channel) {
			this.queues.handle(WorkQueues.FLASH_SALE_ORDERS, message, channel);
		}

		@RabbitListener(queues = "#{@workQueues.name('payment-timeouts')}", ackMode = "MANUAL")
		void paymentTimeouts(Message message, Channel channel) {
			this.queues.handle(WorkQueues.PAYMENT_TIMEOUTS, message, channel);
		}

		@RabbitListener(queues = "#{@workQueues.name('delivery-wakeups')}", ackMode = "MANUAL")
		void deliveryWakeups(Message message, Channel channel) {
			this.queues.handle(WorkQueues.DELIVERY_WAKEUPS, message, channel);
		}

	}

	/**
	 * Moves every dead letter into the database, acknowledging it after the insert
	 * committed (a failed insert leaves it in its queue).
	 */
	static class DeadLetterMover {

		private final DeadLetters deadLetters;

		DeadLetterMover(DeadLetters deadLetters) {
			this.deadLetters = deadLetters;
		}

		@RabbitListener(queues = { "#{@workQueues.deadLetterName('order-requests')}",
				"#{@workQueues.deadLetterName('flash-sale-orders')}",
				"#{@workQueues.deadLetterName('payment-timeouts')}",
				"#{@workQueues.deadLetterName('delivery-wakeups')}" }, ackMode = "MANUAL")
		void move(Message message, Channel channel) throws IOException {
			MessageProperties properties = message.getMessageProperties();
			long tag = properties.getDeliveryTag();
			List<Map<String, ?>> deaths = properties.getXDeathHeader();
			Map<String, ?> death = (deaths != null && !deaths.isEmpty()) ? deaths.get(0) : Map.of();
			String queue = String
				.valueOf(death.containsKey("queue") ? death.get("queue") : properties.getConsumerQueue());
			String reason = String.valueOf(death.containsKey("reason") ? death.get("reason") : "unknown");
			try {
				this.deadLetters.store(queue, properties.getMessageId(), properties.getContentType(), message.getBody(),
						reason, DeadLetters.orgOf(properties.getHeader(WorkQueues.ORG_HEADER)));
			}
			catch (RuntimeException ex) {
				log.warn("Could not store dead letter {}, leaving it in its queue: {}",
						message.getMessageProperties().getMessageId(), ex.toString());
				channel.basicNack(tag, false, true);
				return;
			}
			channel.basicAck(tag, false);
		}

	}

}
