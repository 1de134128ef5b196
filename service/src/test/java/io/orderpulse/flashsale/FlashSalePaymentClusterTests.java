package io.orderpulse.flashsale;

import io.orderpulse.ClusterIntegrationTest;

/**
 * {@link FlashSalePaymentTests} in cluster mode: Redis admission, RabbitMQ queues,
 * external PostgreSQL.
 */
@ClusterIntegrationTest
class FlashSalePaymentClusterTests extends FlashSalePaymentTests {

}
