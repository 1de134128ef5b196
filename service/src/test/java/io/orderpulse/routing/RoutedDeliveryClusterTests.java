package io.orderpulse.routing;

import io.orderpulse.ClusterIntegrationTest;

/**
 * {@link RoutedDeliveryTests} in cluster mode: external PostgreSQL (the held records and
 * the job under ShedLock), pushes through the Redis fan-out.
 */
@ClusterIntegrationTest
class RoutedDeliveryClusterTests extends RoutedDeliveryTests {

}
