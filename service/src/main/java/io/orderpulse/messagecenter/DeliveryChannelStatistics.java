package io.orderpulse.messagecenter;

import java.time.Instant;
import java.util.List;

/**
 * Where the per-channel figures of {@link MessageStatistics#channelStats()} come from:
 * the module that delivers messages through channels (routing) implements it, so the
 * message center reports them without depending on that module.
 */
public interface DeliveryChannelStatistics {

	/**
	 * The organization's channel deliveries of the messages created in
	 * {@code [from, to)}, per channel.
	 */
	List<MessageStatistics.ChannelStats> channelStats(long orgId, Instant from, Instant to);

}
