package io.orderpulse.routing;

import io.orderpulse.ClusterIntegrationTest;

/**
 * {@link DeliveryWakeupTests} on RabbitMQ: the wake-ups expire in the delay queues of
 * their steps and are dead-lettered into {@code delivery-wakeups}.
 */
@ClusterIntegrationTest
class DeliveryWakeupClusterTests extends DeliveryWakeupTests {

}
