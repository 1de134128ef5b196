package io.orderpulse.ordering.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the ordering module ({@code orderpulse.ordering.*}).
 *
 * @param paymentTimeout an order still unpaid after this is cancelled and its stock
 * returned
 * @param autoCompleteAfter an order delivering for longer than this is completed
 * @param reminderInterval the least time between two reminders of one order
 * @param maxItems the most lines one order may have
 */
@ConfigurationProperties("orderpulse.ordering")
public record OrderingSettings(@DefaultValue("15m") Duration paymentTimeout,
		@DefaultValue("1h") Duration autoCompleteAfter, @DefaultValue("5m") Duration reminderInterval,
		@DefaultValue("50") int maxItems) {

}
