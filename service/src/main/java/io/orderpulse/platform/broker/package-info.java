/**
 * Asynchronous work on a broker (cluster mode), behind one port,
 * {@link io.orderpulse.platform.broker.BrokerQueues}: RabbitMQ
 * ({@code orderpulse.broker=rabbitmq}) or Kafka ({@code orderpulse.broker=kafka}), with
 * durable work queues (topics), confirmed publishing, acknowledgement after the work, a
 * bounded retry and dead-letter queues whose messages are kept in the database for
 * listing and replay. With the default broker ({@code in-process}) none of these beans
 * exist and nothing connects to a broker.
 */
@NullMarked
package io.orderpulse.platform.broker;

import org.jspecify.annotations.NullMarked;
