package io.orderpulse.routing.channel;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * Outbound messages for channel tests.
 */
final class Messages {

	static final Instant CREATED = Instant.parse("2026-11-22T08:30:00Z");

	private Messages() {
	}

	static OutboundMessage to(@Nullable String email, @Nullable String phone) {
		return message(1L, email, phone, "Order shipped", "Your order 42 is on its way.");
	}

	static OutboundMessage message(long orgId, @Nullable String email, @Nullable String phone, String title,
			String content) {
		return new OutboundMessage(4711L, orgId, new OutboundMessage.Recipient(7L, "alice", "Alice Chen", email, phone),
				title, content, "ORDER", "HIGH", "shipping", CREATED);
	}

}
