package io.orderpulse.messagecenter;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A message as one recipient sees it: the message (seed 003, section 4.2.1) and the
 * recipient's state of it.
 *
 * @param messageId the message's id
 * @param senderId the sending user; none for messages sent by the system
 * @param senderName who sent it, as shown
 * @param receiverId the user, group or organization it was sent to; none for everyone
 * @param receiverType what {@code receiverId} is
 * @param messageType the kind of message
 * @param title its title
 * @param content its text
 * @param priority how urgent it is
 * @param important whether the priority is HIGH or URGENT
 * @param category its label
 * @param metadata links, attachments and custom data
 * @param expireTime when it leaves the inbox
 * @param orgId the sender's organization
 * @param createTime when it was sent
 * @param status the recipient's state
 * @param deliveredTime when the message first reached the recipient: the first time their
 * inbox listed or showed it, or their client acknowledged its push, or they read it
 * @param readTime when the recipient read it
 * @param archived whether the recipient archived it
 */
public record Message(long messageId, @Nullable Long senderId, String senderName, @Nullable Long receiverId,
		ReceiverType receiverType, MessageType messageType, String title, String content, Priority priority,
		boolean important, @Nullable String category, @Nullable MessageMetadata metadata, @Nullable Instant expireTime,
		long orgId, Instant createTime, RecipientStatus status, @Nullable Instant deliveredTime,
		@Nullable Instant readTime, boolean archived) {

	/**
	 * This message delivered at the given time if it had not been delivered yet.
	 */
	public Message delivered(Instant at) {
		return (this.deliveredTime != null) ? this
				: new Message(this.messageId, this.senderId, this.senderName, this.receiverId, this.receiverType,
						this.messageType, this.title, this.content, this.priority, this.important, this.category,
						this.metadata, this.expireTime, this.orgId, this.createTime, this.status, at, this.readTime,
						this.archived);
	}

}
