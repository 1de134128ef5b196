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
 */
@ConfigurationProperties("orderpulse.routing.webhook")
public record WebhookSettings(@DefaultValue("2s") Duration connectTimeout, @DefaultValue("5s") Duration readTimeout) {

}
