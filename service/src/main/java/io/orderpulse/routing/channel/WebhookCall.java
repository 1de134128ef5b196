package io.orderpulse.routing.channel;

/**
 * One call of an organization's webhook, for the admin's test message: what the receiver
 * answered is reported as its status only, never its body or headers (which would let an
 * admin read services the server can reach).
 */
public interface WebhookCall {

	/**
	 * POSTs the message, signed, to the organization's webhook.
	 * @return the receiver's 2xx status
	 * @throws ChannelFailure otherwise, with {@link ChannelFailure#status()} if the
	 * receiver answered
	 */
	int post(OutboundMessage message) throws ChannelFailure;

}
