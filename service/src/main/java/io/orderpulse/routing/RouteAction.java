package io.orderpulse.routing;

import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What happens to a message a rule matches (the inbox always keeps it).
 *
 * @param channels the channels it goes through, at least one
 * @param delay how long the push and the external channels wait; none for at once
 * @param respectQuietHours whether the recipient's quiet hours hold a message that is not
 * URGENT until they end
 * @param retry how failed channel attempts are retried
 */
public record RouteAction(List<Channel> channels, @Nullable Duration delay, boolean respectQuietHours,
		RetryPolicy retry) {

	/** The default route: WebSocket at once, quiet hours respected. */
	public static final RouteAction DEFAULT = new RouteAction(List.of(Channel.WEBSOCKET), null, true,
			RetryPolicy.DEFAULT);

}
