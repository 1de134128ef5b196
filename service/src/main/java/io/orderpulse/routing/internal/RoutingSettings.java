package io.orderpulse.routing.internal;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of message routing ({@code orderpulse.routing.*}).
 *
 * @param pollInterval how often the job looks for due deliveries (held by quiet hours or
 * a delay, or waiting for a retry); default 5 s, and 1 min in broker mode, where the
 * broker's wake-ups make them on time and the job is the safety net
 * @param claimLease how long an attempt holds its record: a record whose node died
 * mid-attempt is due again after this (longer than any channel's timeouts)
 * @param batchSize how many due records the job claims at a time
 * @param workers threads sending through the external channels (email, webhook, SMS)
 * @param queueCapacity external sends waiting for a worker; beyond it, a record stays
 * pending and the job tries it again after the lease
 */
@ConfigurationProperties("orderpulse.routing")
public record RoutingSettings(@Nullable Duration pollInterval, @DefaultValue("2m") Duration claimLease,
		@DefaultValue("200") int batchSize, @DefaultValue("8") int workers, @DefaultValue("1000") int queueCapacity) {

}
