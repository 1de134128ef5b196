package io.orderpulse.messagecenter.internal;

import io.orderpulse.messagecenter.Inbox;
import io.orderpulse.messagecenter.MessageSent;

import org.springframework.scheduling.annotation.Async;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Pushes each new message to its recipients asynchronously, after the message is
 * committed, so sending does not wait for the fan-out. Spring Modulith's event
 * publication registry records each {@link MessageSent} with the message, so pushes a
 * crash interrupted are made on restart.
 */
@Component
class MessageDelivery {

	private final Inbox inbox;

	MessageDelivery(Inbox inbox) {
		this.inbox = inbox;
	}

	@Async
	@TransactionalEventListener
	void on(MessageSent sent) {
		this.inbox.deliver(sent.messageId());
	}

}
