package io.orderpulse.flashsale.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the flash sale ({@code orderpulse.flashsale.*}).
 *
 * @param paymentTimeout a flash-sale order still unpaid after this is cancelled and its
 * unit, the buyer's mark and the sold-out flag come back
 * @param timeoutCheck how often unpaid flash-sale orders are looked for
 * @param reconcileGrace an admission that has not become an order (nor failed) after this
 * is taken as lost (a crash between admission and order) and released
 * @param reconcileInterval how often the reconciliation runs
 */
@ConfigurationProperties("orderpulse.flashsale")
public record FlashSaleSettings(@DefaultValue("15m") Duration paymentTimeout,
		@DefaultValue("30s") Duration timeoutCheck, @DefaultValue("5m") Duration reconcileGrace,
		@DefaultValue("1m") Duration reconcileInterval) {

}
