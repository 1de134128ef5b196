package io.orderpulse.ordering;

import io.orderpulse.ClusterIntegrationTest;

/**
 * {@link OrderTests} in cluster mode: Redis admission, RabbitMQ queues, external
 * PostgreSQL.
 */
@ClusterIntegrationTest
class OrderClusterTests extends OrderTests {

}
