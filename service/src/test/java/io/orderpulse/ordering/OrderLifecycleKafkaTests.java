package io.orderpulse.ordering;

import io.orderpulse.KafkaIntegrationTest;

/**
 * {@link OrderLifecycleTests} in cluster mode with Kafka: order requests and payment
 * timeouts through the Kafka topics, Redis, external PostgreSQL.
 */
@KafkaIntegrationTest
class OrderLifecycleKafkaTests extends OrderLifecycleTests {

}
