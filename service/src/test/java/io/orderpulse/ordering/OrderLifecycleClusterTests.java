package io.orderpulse.ordering;

import io.orderpulse.ClusterIntegrationTest;

/**
 * {@link OrderLifecycleTests} in cluster mode: Redis admission, RabbitMQ queues, external
 * PostgreSQL.
 */
@ClusterIntegrationTest
class OrderLifecycleClusterTests extends OrderLifecycleTests {

}
