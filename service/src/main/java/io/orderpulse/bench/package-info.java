/**
 * Benchmark support: fast creation of users with ready tokens and paced load through the
 * real publish path ({@link io.orderpulse.realtime.UserEvents}). Off unless
 * {@code orderpulse.bench.enabled=true}; refused in profile {@code cluster} unless
 * {@code orderpulse.bench.allow-in-cluster=true}.
 */
@NullMarked
@ApplicationModule(displayName = "Benchmark")
package io.orderpulse.bench;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
