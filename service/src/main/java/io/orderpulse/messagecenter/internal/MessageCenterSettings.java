package io.orderpulse.messagecenter.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the message center ({@code orderpulse.messagecenter.*}).
 *
 * @param sendLimit how many messages one user may send over HTTP
 * @param groupPushLimit groups up to this many members get a stored per-user event each
 * (also offline members, who receive it on resume); larger groups, organizations and
 * broadcasts are pushed to the members online at the time only
 * @param purgeInterval how often expired messages are deleted
 */
@ConfigurationProperties("orderpulse.messagecenter")
public record MessageCenterSettings(@DefaultValue SendLimit sendLimit, @DefaultValue("1000") int groupPushLimit,
		@DefaultValue("10m") Duration purgeInterval) {

	/**
	 * A token bucket per sender.
	 *
	 * @param messages the bucket's capacity
	 * @param per the time in which the whole capacity refills
	 */
	public record SendLimit(@DefaultValue("60") int messages, @DefaultValue("1m") Duration per) {
	}

}
