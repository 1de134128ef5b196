/**
 * Cluster mode's shared infrastructure: the Redis connection (profile {@code cluster}
 * only), the key prefix every module's Redis keys and channels start with, this node's
 * id, and the checks that refuse to start a cluster node without its secrets.
 */
@NullMarked
package io.orderpulse.platform.cluster;

import org.jspecify.annotations.NullMarked;
