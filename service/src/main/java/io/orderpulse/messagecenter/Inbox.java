package io.orderpulse.messagecenter;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.orderpulse.identity.AuthenticatedUser;
import io.orderpulse.identity.NotFound;
import io.orderpulse.identity.Role;
import io.orderpulse.identity.UserAccounts;
import io.orderpulse.identity.UserGroups;
import io.orderpulse.identity.UserSummary;
import io.orderpulse.messagecenter.internal.MessageCenterSettings;
import io.orderpulse.messagecenter.internal.MessageRepository;
import io.orderpulse.messagecenter.internal.MessageRepository.Reader;
import io.orderpulse.realtime.Destinations;
import io.orderpulse.realtime.Presence;
import io.orderpulse.realtime.UserEvents;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The message center: sending to a user, a group, an organization or everyone, and each
 * recipient's inbox. A message is one row whoever it is for; a recipient's state is
 * stored only once they read or delete it, so sending to 100,000 users costs what sending
 * to one does. Every change of a user's unread count is pushed to them on
 * {@link Destinations#MESSAGES} as {@code UNREAD_COUNT}; new messages as {@code MESSAGE}.
 */
@Service
public class Inbox {

	/** The longest text a search accepts, in characters. */
	public static final int MAX_SEARCH_LENGTH = 100;

	/** The sender name of messages other modules send. */
	public static final String SYSTEM_SENDER = "System";

	private final MessageRepository messages;

	private final UserAccounts accounts;

	private final UserGroups groups;

	private final UserEvents events;

	private final Presence presence;

	private final ApplicationEventPublisher publisher;

	private final TransactionTemplate transactions;

	private final MessageCenterSettings settings;

	Inbox(MessageRepository messages, UserAccounts accounts, UserGroups groups, UserEvents events, Presence presence,
			ApplicationEventPublisher publisher, TransactionTemplate transactions, MessageCenterSettings settings) {
		this.messages = messages;
		this.accounts = accounts;
		this.groups = groups;
		this.events = events;
		this.presence = presence;
		this.publisher = publisher;
		this.transactions = transactions;
		this.settings = settings;
	}

	/**
	 * Sends a system message to a user of the organization.
	 * @throws NotFound if the user is not one of the organization's
	 */
	@Transactional
	public Sent sendToUser(long orgId, long userId, MessageDraft draft) {
		this.accounts.findInOrganization(orgId, userId).orElseThrow(() -> NotFound.user(userId));
		return store(orgId, null, SYSTEM_SENDER, ReceiverType.USER, userId, draft, 1);
	}

	/**
	 * Sends a system message to the members of a user group.
	 * @throws NotFound if the group is not one of the organization's
	 */
	@Transactional
	public Sent sendToGroup(long orgId, long groupId, MessageDraft draft) {
		long members = this.groups.get(orgId, groupId).memberCount();
		return store(orgId, null, SYSTEM_SENDER, ReceiverType.USER_GROUP, groupId, draft, members);
	}

	/**
	 * Sends a system message to every user of an organization.
	 */
	@Transactional
	public Sent sendToOrganization(long orgId, MessageDraft draft) {
		return store(orgId, null, SYSTEM_SENDER, ReceiverType.ORGANIZATION, orgId, draft,
				this.accounts.countInOrganization(orgId));
	}

	/**
	 * Sends a message from a user (an admin) within the user's organization.
	 * @param receiverType USER, USER_GROUP, ORGANIZATION or BROADCAST (to the
	 * organization)
	 * @param receiverId the user, group or organization (the sender's own)
	 */
	@Transactional
	public Sent send(AuthenticatedUser sender, ReceiverType receiverType, long receiverId, MessageDraft draft) {
		long orgId = sender.orgId();
		long recipients = switch (receiverType) {
			case USER -> {
				this.accounts.findInOrganization(orgId, receiverId).orElseThrow(() -> NotFound.user(receiverId));
				yield 1;
			}
			case USER_GROUP -> this.groups.get(orgId, receiverId).memberCount();
			case ORGANIZATION, BROADCAST -> {
				if (receiverId != orgId) {
					throw MessageProblems.organizationNotFound(receiverId);
				}
				yield this.accounts.countInOrganization(orgId);
			}
		};
		String senderName = this.accounts.find(sender.userId()).map(UserSummary::displayName).orElse(sender.username());
		return store(orgId, sender.userId(), senderName, receiverType, receiverId, draft, recipients);
	}

	/**
	 * Sends a message from a platform administrator to every user of every organization
	 * (a BROADCAST without receiver).
	 * @throws org.springframework.web.ErrorResponseException 403 if the sender is no
	 * platform administrator
	 */
	@Transactional
	public Sent sendToAllUsers(AuthenticatedUser sender, MessageDraft draft) {
		if (!sender.hasRole(Role.PLATFORM_ADMIN)) {
			throw MessageProblems.platformAdminRequired();
		}
		String senderName = this.accounts.find(sender.userId()).map(UserSummary::displayName).orElse(sender.username());
		return store(sender.orgId(), sender.userId(), senderName, ReceiverType.BROADCAST, null, draft,
				this.accounts.countAll());
	}

	private Sent store(long orgId, @Nullable Long senderId, String senderName, ReceiverType receiverType,
			@Nullable Long receiverId, MessageDraft draft, long recipients) {
		Message message = this.messages.insert(orgId, senderId, senderName, receiverType, receiverId, draft,
				recipients);
		this.publisher.publishEvent(new MessageSent(message.messageId()));
		return new Sent(message.messageId(), receiverType, receiverId, recipients, message.createTime());
	}

	/**
	 * Pushes a new message and the new unread count to its recipients: each user of a
	 * direct message and of a group up to {@code group-push-limit} members gets stored
	 * events (so offline users receive them on resume); the members of larger groups, of
	 * organizations and of broadcasts get them only if they are online now, which keeps a
	 * broadcast to 100,000 users from writing 200,000 events. Everyone finds the message
	 * and the count in the inbox. The routing module calls this for the audiences that
	 * have no {@link #individualRecipients(Message)}, and {@link #push(long, long, long)}
	 * for each individual recipient when its route says so.
	 */
	public void deliver(long messageId) {
		Message message = this.messages.find(messageId).orElse(null);
		if (message == null) {
			return;
		}
		recipients(message).forEach((userId, orgId) -> {
			this.transactions.executeWithoutResult((status) -> {
				Reader reader = reader(userId, orgId);
				if (this.messages.findFor(reader, messageId).isPresent()) {
					this.events.publish(userId, Destinations.MESSAGES,
							new MessagePush("MESSAGE", messageId, Instant.now().toEpochMilli(), message));
					pushCount(reader);
				}
			});
		});
	}

	/**
	 * The message as sent, without any recipient's state.
	 */
	public Optional<Message> message(long messageId) {
		return this.messages.find(messageId);
	}

	/**
	 * The users a message is pushed to one by one, each with a stored event (so an
	 * offline user receives it on resume): the receiver of a direct message, the members
	 * of a group of up to {@code group-push-limit} members. Empty for larger groups,
	 * organizations and broadcasts, whose audience is bounded only by who is online:
	 * {@link #deliver(long)} pushes those.
	 */
	public Optional<List<Long>> individualRecipients(Message message) {
		Long receiverId = message.receiverId();
		if (receiverId == null) {
			return Optional.empty();
		}
		return switch (message.receiverType()) {
			case USER -> Optional.of(List.of(receiverId));
			case USER_GROUP -> {
				List<Long> members = this.groups.memberIds(message.orgId(), receiverId);
				yield (members.size() <= this.settings.groupPushLimit()) ? Optional.of(members) : Optional.empty();
			}
			case ORGANIZATION, BROADCAST -> Optional.empty();
		};
	}

	/**
	 * Pushes a message and the new unread count to one of its recipients as stored
	 * events, unless the message left the user's inbox (deleted, expired) meanwhile.
	 * @return whether it was pushed
	 */
	public boolean push(long messageId, long userId, long orgId) {
		Message message = this.messages.find(messageId).orElse(null);
		if (message == null) {
			return false;
		}
		Boolean pushed = this.transactions.execute((status) -> {
			Reader reader = reader(userId, orgId);
			if (this.messages.findFor(reader, messageId).isEmpty()) {
				return false;
			}
			this.events.publish(userId, Destinations.MESSAGES,
					new MessagePush("MESSAGE", messageId, Instant.now().toEpochMilli(), message));
			pushCount(reader);
			return true;
		});
		return Boolean.TRUE.equals(pushed);
	}

	/**
	 * Whom to push a new message to, each with their organization.
	 */
	private Map<Long, Long> recipients(Message message) {
		Long receiverId = message.receiverId();
		if (message.receiverType() == ReceiverType.BROADCAST && receiverId == null) {
			return this.presence.onlineEverywhere();
		}
		Map<Long, Long> recipients = new LinkedHashMap<>();
		usersOf(message).forEach((userId) -> recipients.put(userId, message.orgId()));
		return recipients;
	}

	private List<Long> usersOf(Message message) {
		Long receiverId = message.receiverId();
		Set<Long> online = (message.receiverType() == ReceiverType.USER) ? Set.of()
				: this.presence.online(message.orgId()).keySet();
		return switch (message.receiverType()) {
			case USER -> (receiverId != null) ? List.of(receiverId) : List.of();
			case USER_GROUP -> {
				List<Long> members = (receiverId != null) ? this.groups.memberIds(message.orgId(), receiverId)
						: List.of();
				yield (members.size() <= this.settings.groupPushLimit()) ? members
						: members.stream().filter(online::contains).toList();
			}
			case ORGANIZATION, BROADCAST -> List.copyOf(online);
		};
	}

	/**
	 * A page of the caller's messages, newest first, by page number (from 1) or after a
	 * cursor. The messages listed for the first time are delivered now.
	 */
	@Transactional
	public MessagePage list(AuthenticatedUser caller, MessageFilter filter, int page, int size,
			@Nullable String after) {
		Reader reader = reader(caller);
		Long beforeId = (after != null) ? decode(after) : null;
		long offset = (beforeId != null) ? 0 : (page - 1L) * size;
		List<Message> found = this.messages.list(reader, filter, beforeId, size + 1, offset);
		List<Message> items = delivered(reader, found.subList(0, Math.min(size, found.size())));
		String next = (found.size() > size) ? encode(items.get(items.size() - 1).messageId()) : null;
		int limit = this.settings.countLimit();
		long counted = this.messages.count(reader, filter, limit + 1L);
		long total = Math.min(counted, limit);
		return new MessagePage(items, (beforeId != null) ? 0 : page, size, total, (total + size - 1) / size,
				counted > limit, this.messages.unreadCount(reader), next);
	}

	/**
	 * A page (from 1) of the caller's messages matching the filter whose title or content
	 * contains the text, ignoring case, among the newest
	 * {@code orderpulse.messagecenter.search-candidates} matches: title matches first,
	 * then those where it occurs most often, then newest first.
	 * @param text the words to find: 2 to {@value #MAX_SEARCH_LENGTH} characters once
	 * trimmed (runs of white space count as one)
	 */
	@Transactional(readOnly = true)
	public MessagePage search(AuthenticatedUser caller, String text, MessageFilter filter, int page, int size) {
		String query = text.strip().replaceAll("\\s+", " ");
		if (query.codePointCount(0, query.length()) < 2
				|| query.codePointCount(0, query.length()) > MAX_SEARCH_LENGTH) {
			throw MessageProblems.invalidField("q", "must be 2-" + MAX_SEARCH_LENGTH + " characters");
		}
		Reader reader = reader(caller);
		int candidates = this.settings.searchCandidates();
		List<Message> items = this.messages.search(reader, query, filter, candidates, size, (page - 1L) * size);
		long counted = this.messages.countMatches(reader, query, filter, candidates + 1L);
		long total = Math.min(counted, candidates);
		return new MessagePage(items, page, size, total, (total + size - 1) / size, counted > candidates,
				this.messages.unreadCount(reader), null);
	}

	/**
	 * One of the caller's messages, delivered now if it was not before.
	 */
	@Transactional
	public Message get(AuthenticatedUser caller, long messageId) {
		Reader reader = reader(caller);
		Message message = this.messages.findFor(reader, messageId)
			.orElseThrow(() -> MessageProblems.messageNotFound(messageId));
		return delivered(reader, List.of(message)).get(0);
	}

	/**
	 * Records that the caller's client received a pushed message (the seed's ACK with
	 * status DELIVERED, or READ to read it as well). Ids that are not the caller's are
	 * ignored.
	 */
	@Transactional
	public void acknowledge(AuthenticatedUser caller, long messageId, boolean read) {
		Reader reader = reader(caller);
		if (this.messages.markDelivered(reader, List.of(messageId)) == 0 && !read) {
			return;
		}
		if (read && this.messages.markRead(reader, List.of(messageId)) > 0) {
			pushCount(reader);
		}
	}

	/**
	 * Archives one of the caller's messages (or brings it back): archived messages leave
	 * the default list and the unread count, and are listed with {@code archived=true}.
	 */
	@Transactional
	public Message archive(AuthenticatedUser caller, long messageId, boolean archived) {
		Reader reader = reader(caller);
		Message message = this.messages.findFor(reader, messageId)
			.orElseThrow(() -> MessageProblems.messageNotFound(messageId));
		if (message.archived() != archived && this.messages.archive(reader, messageId, archived)
				&& message.status() == RecipientStatus.UNREAD) {
			pushCount(reader);
		}
		return this.messages.findFor(reader, messageId).orElseThrow();
	}

	private List<Message> delivered(Reader reader, List<Message> items) {
		List<Long> fresh = items.stream()
			.filter((message) -> message.deliveredTime() == null)
			.map(Message::messageId)
			.toList();
		if (fresh.isEmpty()) {
			return items;
		}
		Instant now = Instant.now();
		this.messages.markDelivered(reader, fresh);
		return items.stream().map((message) -> message.delivered(now)).toList();
	}

	@Transactional(readOnly = true)
	public long unreadCount(AuthenticatedUser caller) {
		return this.messages.unreadCount(reader(caller));
	}

	/**
	 * Marks one of the caller's messages read (again: no change).
	 */
	@Transactional
	public Message read(AuthenticatedUser caller, long messageId) {
		Reader reader = reader(caller);
		this.messages.findFor(reader, messageId).orElseThrow(() -> MessageProblems.messageNotFound(messageId));
		if (this.messages.markRead(reader, List.of(messageId)) > 0) {
			pushCount(reader);
		}
		return this.messages.findFor(reader, messageId).orElseThrow();
	}

	/**
	 * Marks those of the messages that are the caller's and unread read; others are
	 * ignored.
	 */
	@Transactional
	public Changed readAll(AuthenticatedUser caller, @Nullable List<Long> messageIds) {
		Reader reader = reader(caller);
		int changed = this.messages.markRead(reader, messageIds);
		long count = (changed > 0) ? pushCount(reader) : this.messages.unreadCount(reader);
		return new Changed(changed, count);
	}

	/**
	 * Deletes one of the caller's messages for the caller only.
	 */
	@Transactional
	public void delete(AuthenticatedUser caller, long messageId) {
		Reader reader = reader(caller);
		Message message = this.messages.findFor(reader, messageId)
			.orElseThrow(() -> MessageProblems.messageNotFound(messageId));
		this.messages.delete(reader, messageId);
		if (message.status() == RecipientStatus.UNREAD) {
			pushCount(reader);
		}
	}

	/**
	 * Deletes the messages that expired at or before {@code now} (they already left every
	 * inbox when they expired).
	 * @return how many
	 */
	public int purgeExpired(Instant now) {
		int total = 0;
		int deleted;
		do {
			deleted = this.transactions.execute((status) -> this.messages.deleteExpired(now, 10_000));
			total += deleted;
		}
		while (deleted == 10_000);
		return total;
	}

	private long pushCount(Reader reader) {
		long count = this.messages.unreadCount(reader);
		this.events.publish(reader.userId(), Destinations.MESSAGES,
				new CountPush("UNREAD_COUNT", Instant.now().toEpochMilli(), Map.of("count", count)));
		return count;
	}

	private Reader reader(AuthenticatedUser user) {
		return reader(user.userId(), user.orgId());
	}

	private Reader reader(long userId, long orgId) {
		return new Reader(userId, orgId, this.groups.groupIdsOf(orgId, userId));
	}

	private static String encode(long messageId) {
		return Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString(("m:" + messageId).getBytes(StandardCharsets.US_ASCII));
	}

	private static long decode(String cursor) {
		try {
			String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII);
			if (!text.startsWith("m:")) {
				throw MessageProblems.invalidCursor();
			}
			return Long.parseLong(text.substring(2));
		}
		catch (IllegalArgumentException ex) {
			throw MessageProblems.invalidCursor();
		}
	}

	/**
	 * The answer to marking several messages read.
	 *
	 * @param updated how many changed from UNREAD to READ
	 * @param unreadCount the caller's unread messages now
	 */
	public record Changed(int updated, long unreadCount) {
	}

	/**
	 * A new message, as pushed (seed 003, section 6.2.2).
	 */
	public record MessagePush(String type, long messageId, long timestamp, Message data) {
	}

	/**
	 * The recipient's new unread count, as pushed.
	 */
	public record CountPush(String type, long timestamp, Map<String, Long> data) {
	}

}
