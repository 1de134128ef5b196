package io.orderpulse.bench.internal;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the benchmark support ({@code orderpulse.bench.*}).
 *
 * @param enabled whether the benchmark endpoints exist at all
 * @param allowInCluster whether profile {@code cluster} may enable the benchmark
 * endpoints
 * @param maxInFlight how many publishes one run may have in progress at once (each holds
 * a database connection while it commits); a run that needs more falls behind its due
 * times, which the latency measured from {@code dueAt} shows
 * @param maxBatch how many per-user events that are due at once are published in one
 * transaction ({@code UserEvents.publishAll})
 */
@ConfigurationProperties("orderpulse.bench")
public record BenchSettings(@DefaultValue("false") boolean enabled, @DefaultValue("false") boolean allowInCluster,
		@DefaultValue("32") int maxInFlight, @DefaultValue("500") int maxBatch) {

}
