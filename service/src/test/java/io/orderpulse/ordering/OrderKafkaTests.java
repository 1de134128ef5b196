package io.orderpulse.ordering;

import io.orderpulse.KafkaIntegrationTest;

/**
 * {@link OrderTests} in cluster mode with Kafka: order requests and payment timeouts
 * through the Kafka topics, Redis, external PostgreSQL.
 */
@KafkaIntegrationTest
class OrderKafkaTests extends OrderTests {

}
