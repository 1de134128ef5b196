package io.orderpulse.routing.channel;

import java.time.Instant;

/**
 * An organization's webhook: where messages are POSTed and the secret that signs them.
 *
 * @param orgId the organization
 * @param url the absolute http(s) URL
 * @param secret the signing secret; shown to an admin only when it is made
 * @param createdAt when the webhook was configured first
 * @param updatedAt when its URL or secret changed last
 */
public record WebhookEndpoint(long orgId, String url, String secret, Instant createdAt, Instant updatedAt) {

	@Override
	public String toString() {
		return "WebhookEndpoint[orgId=" + this.orgId + ", url=" + this.url + ", secret=***]";
	}

}
