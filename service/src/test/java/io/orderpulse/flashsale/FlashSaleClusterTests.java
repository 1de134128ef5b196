package io.orderpulse.flashsale;

import io.orderpulse.ClusterIntegrationTest;

/**
 * {@link FlashSaleTests} in cluster mode: Redis admission, RabbitMQ queues, external
 * PostgreSQL.
 */
@ClusterIntegrationTest
class FlashSaleClusterTests extends FlashSaleTests {

}
