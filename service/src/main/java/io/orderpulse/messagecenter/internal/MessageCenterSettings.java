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
 * @param countLimit a list counts at most this many messages for {@code totalItems}
 * (beyond, it reports this many and {@code totalItemsCapped}), so its cost does not grow
 * with the inbox
 * @param searchCandidates a search ranks the newest this many matches only (and counts at
 * most this many), so its cost does not grow with the number of matches
 */
@ConfigurationProperties("orderpulse.messagecenter")
public record MessageCenterSettings(@DefaultValue SendLimit sendLimit, @DefaultValue("1000") int groupPushLimit,
		@DefaultValue("10m") Duration purgeInterval, @DefaultValue("10000") int countLimit,
		@DefaultValue("1000") int searchCandidates) {

	/**
	 * A token bucket per sender.
	 *
	 * @param messages messages one user may send over HTTP at once (the bucket's
	 * capacity)
	 * @param per the time in which the sender's bucket refills completely
	 */
	public record SendLimit(@DefaultValue("60") int messages, @DefaultValue("1m") Duration per) {
	}

}
