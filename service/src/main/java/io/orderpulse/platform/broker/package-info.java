/**
 * Asynchronous work on RabbitMQ ({@code orderpulse.broker=rabbitmq}, cluster mode):
 * durable work queues with publisher confirms, manual acknowledgement, a bounded retry
 * and dead-letter queues whose messages are kept in the database for listing and replay.
 * With the default broker ({@code in-process}) none of these beans exist and nothing
 * connects to RabbitMQ.
 */
@NullMarked
package io.orderpulse.platform.broker;

import org.jspecify.annotations.NullMarked;
