package io.orderpulse.payment.internal;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of points ({@code orderpulse.points.*}).
 *
 * @param initialBalance the points a new account starts with
 * @param perCurrencyUnit how many points pay for 1.00 of an order that has no points
 * price of its own (ordinary orders); 0, the default, means such orders cannot be paid
 * with points
 */
@ConfigurationProperties("orderpulse.points")
public record PointsSettings(@DefaultValue("0") long initialBalance, @DefaultValue("0") long perCurrencyUnit) {

	public PointsSettings {
		if (initialBalance < 0 || perCurrencyUnit < 0) {
			throw new IllegalArgumentException("orderpulse.points.* must not be negative");
		}
	}

}
