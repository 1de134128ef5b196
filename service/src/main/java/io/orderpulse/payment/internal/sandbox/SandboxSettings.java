package io.orderpulse.payment.internal.sandbox;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the sandbox gateway ({@code orderpulse.payment.sandbox.*}).
 *
 * @param appId the app id this service has at the provider; notifies for another are
 * refused
 * @param privateKey the sandbox's RSA private key (PEM or Base64 PKCS#8); generated at
 * startup when neither key is set
 * @param publicKey its public key (PEM or Base64 X.509), which the service verifies
 * notifies with; derived from the private key when only that is set
 * @param autoSettleAfter how long after it is opened the sandbox settles a trade by
 * itself ({@code 0}, the default, or negative: only when the buyer who owns the trade
 * confirms on the pay page)
 * @param notifyBaseUrl where the sandbox sends notifies; blank for this service on
 * {@code http://localhost:<its actual port>}
 * @param notifyAttempts how often a notify is sent until it is answered {@code success}
 * @param notifyBackoff the wait before the first retry, doubled for each further one
 * @param enabled whether the sandbox gateway runs at all (profile {@code demo} turns it
 * on); off, payments with method {@code SANDBOX} are refused
 * @param allowInCluster whether profile {@code cluster} may run the sandbox: without this
 * a cluster node with the sandbox enabled refuses to start
 */
@ConfigurationProperties("orderpulse.payment.sandbox")
public record SandboxSettings(@DefaultValue("sandbox-app") String appId, @Nullable String privateKey,
		@Nullable String publicKey, @DefaultValue("0s") Duration autoSettleAfter, @Nullable String notifyBaseUrl,
		@DefaultValue("6") int notifyAttempts, @DefaultValue("1s") Duration notifyBackoff,
		@DefaultValue("false") boolean enabled, @DefaultValue("false") boolean allowInCluster) {

	static final String ENABLED = "orderpulse.payment.sandbox.enabled";

}
