package io.orderpulse.routing;

import io.orderpulse.ClusterIntegrationTest;

/**
 * {@link RoutedChannelTests} in cluster mode: the same channels, records and retries on
 * the external PostgreSQL.
 */
@ClusterIntegrationTest
class RoutedChannelClusterTests extends RoutedChannelTests {

}
