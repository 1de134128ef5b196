package io.orderpulse.routing.channel;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The one address guard shared by the check of a URL when it is saved and by every
 * connection of the webhook channel.
 */
@Configuration(proxyBeanMethods = false)
class WebhookConfiguration {

	@Bean
	WebhookAddressGuard webhookAddressGuard(WebhookSettings settings) {
		return new WebhookAddressGuard(new WebhookAddressPolicy(settings.allowedNetworks()));
	}

}
