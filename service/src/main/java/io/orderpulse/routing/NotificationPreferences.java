package io.orderpulse.routing;

import java.util.Locale;
import java.util.Map;

import io.orderpulse.messagecenter.Priority;
import org.jspecify.annotations.Nullable;

/**
 * A user's channel switches: defaults per channel, overridden per message category.
 * Anything not mentioned is on. The inbox is always on; WEBSOCKET is on for URGENT
 * messages whatever the switches say (a switch that turns it off is kept and applies to
 * the other priorities).
 *
 * @param channels the default per channel
 * @param categories per category (upper case), the channels that differ from the default
 */
public record NotificationPreferences(Map<Channel, Boolean> channels, Map<String, Map<Channel, Boolean>> categories) {

	/** Everything on. */
	public static final NotificationPreferences ALL_ON = new NotificationPreferences(Map.of(), Map.of());

	/**
	 * Whether a message of the category and priority may use the channel.
	 */
	public boolean allows(Channel channel, @Nullable String category, Priority priority) {
		if (channel == Channel.WEBSOCKET && priority == Priority.URGENT) {
			return true;
		}
		if (category != null) {
			Map<Channel, Boolean> overrides = this.categories.get(category.toUpperCase(Locale.ROOT));
			if (overrides != null && overrides.containsKey(channel)) {
				return overrides.get(channel);
			}
		}
		return this.channels.getOrDefault(channel, true);
	}

}
