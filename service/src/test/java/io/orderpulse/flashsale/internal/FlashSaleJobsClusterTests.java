package io.orderpulse.flashsale.internal;

import io.orderpulse.ClusterIntegrationTest;

/**
 * {@link FlashSaleJobsTests} in cluster mode: Redis admission, RabbitMQ queues, external
 * PostgreSQL.
 */
@ClusterIntegrationTest
class FlashSaleJobsClusterTests extends FlashSaleJobsTests {

}
