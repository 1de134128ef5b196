package io.orderpulse.payment.internal;

import java.security.PublicKey;
import java.util.Map;
import java.util.Optional;

/**
 * Tells whether a notify comes from the provider this service is registered with: signed
 * with the provider's key ({@link NotifySignatures}) and addressed to this service's app
 * id. It holds the provider's public key only; the provider alone can sign.
 */
public final class NotifyVerifier {

	private final String appId;

	private final PublicKey providerKey;

	public NotifyVerifier(String appId, PublicKey providerKey) {
		this.appId = appId;
		this.providerKey = providerKey;
	}

	/**
	 * Why the notify is not genuine, or nothing if it is.
	 */
	public Optional<String> refusal(Map<String, String> parameters) {
		if (!NotifySignatures.verify(parameters, this.providerKey)) {
			return Optional.of("bad signature");
		}
		if (!this.appId.equals(parameters.get("app_id"))) {
			return Optional.of("wrong app_id " + parameters.get("app_id"));
		}
		return Optional.empty();
	}

}
