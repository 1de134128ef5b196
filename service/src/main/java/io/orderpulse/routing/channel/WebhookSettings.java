package io.orderpulse.routing.channel;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The webhook channel ({@code orderpulse.routing.webhook.*}); each organization's URL and
 * secret are data ({@code /api/v1/admin/webhook}), not configuration.
 *
 * @param connectTimeout how long connecting to the receiver may take
 * @param readTimeout how long the receiver may take to answer once the request is sent
 * @param allowedNetworks networks (CIDR blocks such as {@code 10.20.0.0/16} or
 * {@code fd12:3456::/48}; a single address is a /32 or /128) that webhooks may call even
 * though they are loopback, private, link-local or otherwise special-purpose addresses
 * ({@link WebhookAddressPolicy}). Empty by default: an organization's admin cannot make
 * the server call its own networks (the database, cloud metadata at 169.254.169.254). The
 * tests allow 127.0.0.1/32, where their receivers run
 */
@ConfigurationProperties("orderpulse.routing.webhook")
public record WebhookSettings(@DefaultValue("2s") Duration connectTimeout, @DefaultValue("5s") Duration readTimeout,
		@DefaultValue List<String> allowedNetworks) {

}
