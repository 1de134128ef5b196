package io.orderpulse.routing.channel;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The webhook channel ({@code orderpulse.routing.webhook.*}); each organization's URL and
 * secret are data ({@code /api/v1/admin/webhook}), not configuration.
 *
 * @param connectTimeout how long connecting to the receiver may take
 * @param readTimeout how long the receiver may take to answer once the request is sent
 * @param allowPrivateNetworks whether webhook URLs may point at loopback, private,
 * link-local or other non-public addresses. Off, an organization's admin cannot make the
 * server call its own network (the database, cloud metadata at 169.254.169.254); on for
 * the demo and the tests, which run receivers on localhost
 */
@ConfigurationProperties("orderpulse.routing.webhook")
public record WebhookSettings(@DefaultValue("2s") Duration connectTimeout, @DefaultValue("5s") Duration readTimeout,
		@DefaultValue("false") boolean allowPrivateNetworks) {

}
