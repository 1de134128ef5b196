/**
 * Benchmark HTTP API under {@code /api/v1/bench}, ADMIN only.
 */
@NullMarked
package io.orderpulse.bench.web;

import org.jspecify.annotations.NullMarked;
