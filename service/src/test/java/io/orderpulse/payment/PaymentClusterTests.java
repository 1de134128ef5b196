package io.orderpulse.payment;

import io.orderpulse.ClusterIntegrationTest;

/**
 * {@link PaymentTests} in cluster mode: Redis admission, RabbitMQ queues, external
 * PostgreSQL.
 */
@ClusterIntegrationTest
class PaymentClusterTests extends PaymentTests {

}
