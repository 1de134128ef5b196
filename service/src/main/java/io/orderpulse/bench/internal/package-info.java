/**
 * Benchmark support internals: settings and the guard against running it in a cluster.
 */
@NullMarked
package io.orderpulse.bench.internal;

import org.jspecify.annotations.NullMarked;
