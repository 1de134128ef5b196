package io.orderpulse.routing;

import io.orderpulse.KafkaIntegrationTest;

/**
 * {@link DeliveryWakeupTests} on Kafka: the wake-ups wait in the delay topics of their
 * steps and are relayed to {@code delivery-wakeups} when due.
 */
@KafkaIntegrationTest
class DeliveryWakeupKafkaTests extends DeliveryWakeupTests {

}
