package io.orderpulse.payment.internal;

import io.orderpulse.payment.internal.sandbox.SandboxKeys;
import io.orderpulse.payment.internal.sandbox.SandboxSettings;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The service's side of the provider: it trusts notifies signed with the provider's
 * public key (the sandbox's, configured or generated) and addressed to its app id.
 */
@Configuration(proxyBeanMethods = false)
class PaymentConfiguration {

	@Bean
	NotifyVerifier sandboxNotifyVerifier(SandboxSettings settings, SandboxKeys keys) {
		return new NotifyVerifier(settings.appId(), keys.publicKey());
	}

}
