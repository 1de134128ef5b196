package io.orderpulse.payment.internal;

import io.orderpulse.payment.internal.sandbox.SandboxKeys;
import io.orderpulse.payment.internal.sandbox.SandboxSettings;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The service's side of the provider: it trusts notifies signed with the provider's
 * public key (the sandbox's, configured or generated) and addressed to its app id; with
 * the sandbox off it trusts none.
 */
@Configuration(proxyBeanMethods = false)
class PaymentConfiguration {

	@Bean
	@ConditionalOnBooleanProperty("orderpulse.payment.sandbox.enabled")
	NotifyVerifier sandboxNotifyVerifier(SandboxSettings settings, SandboxKeys keys) {
		return new NotifyVerifier(settings.appId(), keys.publicKey());
	}

}
