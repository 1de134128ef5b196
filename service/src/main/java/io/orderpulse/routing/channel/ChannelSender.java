package io.orderpulse.routing.channel;

import io.orderpulse.routing.Channel;

/**
 * Sends one message to one recipient through one external channel. Implementations are
 * beans, one per {@link Channel} other than {@link Channel#WEBSOCKET}; each bounds its
 * own time (connect and read timeouts), so a slow or dead endpoint costs one worker at
 * most that long. Callers record the outcome and decide about retries.
 */
public interface ChannelSender {

	/**
	 * The channel this adapter serves.
	 */
	Channel channel();

	/**
	 * Sends the message; returns normally when the channel accepted it.
	 * @throws ChannelFailure when it did not, saying whether another attempt could
	 * succeed
	 */
	void send(OutboundMessage message) throws ChannelFailure;

}
