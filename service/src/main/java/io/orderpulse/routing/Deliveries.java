package io.orderpulse.routing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Supplier;

import io.orderpulse.identity.UserAccounts;
import io.orderpulse.identity.UserContact;
import io.orderpulse.identity.UserGroups;
import io.orderpulse.identity.UserSummary;
import io.orderpulse.messagecenter.DeliveryChannelStatistics;
import io.orderpulse.messagecenter.Inbox;
import io.orderpulse.messagecenter.Message;
import io.orderpulse.messagecenter.MessageProblems;
import io.orderpulse.messagecenter.MessageStatistics.ChannelStats;
import io.orderpulse.messagecenter.Priority;
import io.orderpulse.routing.RouteCondition.RouteProbe;
import io.orderpulse.routing.channel.ChannelFailure;
import io.orderpulse.routing.channel.ChannelSender;
import io.orderpulse.routing.channel.OutboundMessage;
import io.orderpulse.routing.internal.ChannelWorkers;
import io.orderpulse.routing.internal.DeliveryRepository;
import io.orderpulse.routing.internal.DeliveryRepository.Claimed;
import io.orderpulse.routing.internal.DeliveryRepository.NewDelivery;
import io.orderpulse.routing.internal.DeliveryWakeups;
import io.orderpulse.routing.internal.RouteRepository;
import io.orderpulse.routing.internal.RoutingSettings;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

/**
 * Routes messages to their recipients' channels and keeps a record of every channel
 * delivery.
 * <p>
 * A direct message and a message to a group of up to {@code group-push-limit} members is
 * routed per recipient: the organization's rules decide the channels, the recipient's
 * preferences remove the channels they turned off, and a delay or the recipient's quiet
 * hours set when the push and the external channels are due. Each channel gets a record;
 * due records are attempted at once (WebSocket on the routing thread, the external
 * channels on a bounded worker pool) and the rest by the job when they fall due. A
 * retryable failure is attempted again after the rule's backoff (doubling), up to its
 * attempts, then the record is FAILED.
 * <p>
 * The PostgreSQL records are the truth (what admins list and cancel, what the job
 * claims). In broker mode each held or retried record's due time is also published as a
 * {@link DeliveryWakeups wake-up} through the broker's delay, after the record is
 * committed, so the delivery is made at its time without the job looking often; the job
 * remains the safety net for a wake-up lost between commit and publish.
 * <p>
 * Larger groups, organizations and broadcasts are not routed per recipient (that would
 * cost a rule evaluation and records per member of audiences of 100,000): their members
 * online now get the WebSocket push at once, everyone finds the message in the inbox, and
 * no external channel, quiet hours or delay applies to them.
 */
@Service
public class Deliveries implements DeliveryChannelStatistics {

	private static final Logger log = LoggerFactory.getLogger(Deliveries.class);

	private static final String NONE = "NONE";

	private final Inbox inbox;

	private final UserAccounts accounts;

	private final UserGroups groups;

	private final MessageRoutes routes;

	private final RouteRepository rules;

	private final DeliveryRepository records;

	private final Map<Channel, ChannelSender> senders = new EnumMap<>(Channel.class);

	private final ChannelWorkers workers;

	private final RoutingSettings settings;

	private final Clock clock;

	private final ObjectProvider<DeliveryWakeups> wakeups;

	Deliveries(Inbox inbox, UserAccounts accounts, UserGroups groups, MessageRoutes routes, RouteRepository rules,
			DeliveryRepository records, List<ChannelSender> senders, ChannelWorkers workers, RoutingSettings settings,
			Clock clock, ObjectProvider<DeliveryWakeups> wakeups) {
		this.inbox = inbox;
		this.accounts = accounts;
		this.groups = groups;
		this.routes = routes;
		this.rules = rules;
		this.records = records;
		senders.forEach((sender) -> this.senders.put(sender.channel(), sender));
		this.workers = workers;
		this.settings = settings;
		this.clock = clock;
		this.wakeups = wakeups;
	}

	/**
	 * Routes a new message (see the class comment). Running it again for the same message
	 * adds and attempts only the records it did not have.
	 */
	public void route(long messageId) {
		Message message = this.inbox.message(messageId).orElse(null);
		if (message == null) {
			return;
		}
		Optional<List<Long>> individuals = this.inbox.individualRecipients(message);
		if (individuals.isEmpty()) {
			this.inbox.deliver(messageId);
			return;
		}
		Instant now = this.clock.instant();
		List<RouteRule> orgRules = this.rules.list(message.orgId());
		List<UserSummary> users = this.accounts.findAll(message.orgId(), individuals.get());
		List<Long> userIds = users.stream().map(UserSummary::id).toList();
		// what routing needs of every recipient, in a few queries for the whole audience
		Map<Long, List<Long>> groupIds = this.groups.groupIdsOf(message.orgId(), userIds);
		Map<Long, NotificationPreferences> preferences = this.routes.preferences(userIds);
		Map<Long, QuietHours> quietHours = (message.priority() != Priority.URGENT)
				? this.routes.effectiveQuietHours(message.orgId(), userIds) : Map.of();
		List<Planned> planned = new ArrayList<>();
		for (UserSummary user : users) {
			try {
				plan(message, user, orgRules, groupIds.getOrDefault(user.id(), List.of()),
						preferences.getOrDefault(user.id(), NotificationPreferences.ALL_ON), quietHours.get(user.id()),
						now, planned);
			}
			catch (RuntimeException ex) {
				log.warn("Routing message {} to user {} failed", messageId, user.id(), ex);
			}
		}
		Map<String, Planned> byKey = new HashMap<>();
		planned.forEach((plan) -> byKey.put(plan.key(), plan));
		List<Delivery> inserted = this.records.insertAll(planned.stream().map(Planned::record).toList(), now);
		TreeSet<Instant> held = new TreeSet<>();
		for (Delivery delivery : inserted) {
			Planned plan = byKey.get(Planned.key(delivery.userId(), delivery.channel()));
			if (plan.atOnce()) {
				attempt(delivery, message, message.orgId(), plan.record().backoff(), now);
			}
			else {
				held.add(plan.record().due());
			}
		}
		DeliveryWakeups wakeups = this.wakeups.getIfAvailable();
		if (wakeups != null) {
			held.forEach((due) -> wakeups.schedule(messageId, message.orgId(), due));
		}
	}

	/**
	 * Plans the message's records for one recipient: the first matching rule's channels
	 * the recipient allows, due at once, after the rule's delay, or when the recipient's
	 * quiet hours end.
	 */
	private void plan(Message message, UserSummary user, List<RouteRule> orgRules, List<Long> groupIds,
			NotificationPreferences preferences, @Nullable QuietHours quiet, Instant now, List<Planned> planned) {
		RouteProbe probe = new RouteProbe(message.messageType(), message.priority(), message.category(), now,
				user.roles(), groupIds);
		RouteTrace trace = MessageRoutes.evaluate(orgRules, probe);
		RouteAction action = trace.action();
		Instant due = now;
		String heldBy = NONE;
		if (action.delay() != null) {
			due = now.plus(action.delay());
			heldBy = "DELAY";
		}
		if (action.respectQuietHours() && message.priority() != Priority.URGENT && quiet != null
				&& quiet.window().contains(due)) {
			due = quiet.window().endOf(due);
			heldBy = "QUIET_HOURS";
		}
		boolean atOnce = !due.isAfter(now);
		Long ruleId = (trace.matched() != null) ? trace.matched().id() : null;
		for (Channel channel : action.channels()) {
			if (!preferences.allows(channel, message.category(), message.priority())) {
				continue;
			}
			planned.add(new Planned(new NewDelivery(message.messageId(), message.orgId(), user.id(), channel, heldBy,
					ruleId, action.retry().maxAttempts(), action.retry().backoff(),
					atOnce ? now.plus(this.settings.claimLease()) : due, message.createTime()), atOnce));
		}
	}

	/**
	 * A record to insert, and whether it is attempted at once.
	 */
	private record Planned(NewDelivery record, boolean atOnce) {

		String key() {
			return key(this.record.userId(), this.record.channel());
		}

		static String key(long userId, Channel channel) {
			return userId + ":" + channel;
		}

	}

	/**
	 * Attempts the PENDING records due at {@code now}, in batches, until none is left.
	 * The scheduled job passes the clock's time; a test can pass any.
	 * @return how many were attempted
	 */
	public int runDue(Instant now) {
		return runDue(() -> this.records.claimDue(now, this.settings.claimLease(), this.settings.batchSize()), now);
	}

	/**
	 * Attempts the PENDING records of one message due at {@code now}: a broker wake-up's
	 * work. Records the job or another wake-up claimed, or that are settled or cancelled,
	 * are left alone, so a wake-up delivered twice sends once.
	 * @return how many were attempted
	 */
	public int runDue(long messageId, Instant now) {
		return runDue(
				() -> this.records.claimDue(messageId, now, this.settings.claimLease(), this.settings.batchSize()),
				now);
	}

	private int runDue(Supplier<List<Claimed>> claim, Instant now) {
		int attempted = 0;
		List<Claimed> batch;
		do {
			batch = claim.get();
			for (Claimed claimed : batch) {
				Delivery delivery = claimed.delivery();
				Message message = this.inbox.message(delivery.messageId()).orElse(null);
				if (message == null) {
					this.records.failed(delivery.id(), now, "the message no longer exists", null);
					continue;
				}
				attempt(delivery, message, claimed.orgId(), claimed.backoff(), now);
				attempted++;
			}
		}
		while (batch.size() == this.settings.batchSize());
		return attempted;
	}

	private void attempt(Delivery delivery, Message message, long orgId, Duration backoff, Instant now) {
		if (delivery.channel() == Channel.WEBSOCKET) {
			if (this.inbox.push(delivery.messageId(), delivery.userId(), orgId)) {
				this.records.sent(delivery.id(), now);
			}
			else {
				this.records.failed(delivery.id(), now, "the message is no longer in the recipient's inbox", null);
			}
			return;
		}
		ChannelSender sender = this.senders.get(delivery.channel());
		if (sender == null) {
			this.records.failed(delivery.id(), now, "channel not available", null);
			return;
		}
		boolean queued = this.workers.submit(() -> send(sender, delivery, message, orgId, backoff, now));
		if (!queued) {
			// stays claimed: the job attempts it again when the lease ends
			log.warn("Channel workers busy: delivery {} waits for the next run", delivery.id());
		}
	}

	private void send(ChannelSender sender, Delivery delivery, Message message, long orgId, Duration backoff,
			Instant now) {
		try {
			sender.send(outbound(message, orgId, delivery.userId()));
			this.records.sent(delivery.id(), now);
		}
		catch (ChannelFailure ex) {
			failed(delivery, orgId, ex.getMessage(), ex.isRetryable(), backoff, now);
		}
		catch (RuntimeException ex) {
			log.warn("Delivery {} through {} failed", delivery.id(), delivery.channel(), ex);
			failed(delivery, orgId, ex.getClass().getSimpleName() + ": " + ex.getMessage(), true, backoff, now);
		}
	}

	private void failed(Delivery delivery, long orgId, @Nullable String error, boolean retryable, Duration backoff,
			Instant now) {
		int failedAttempts = delivery.attempts() + 1;
		Instant retryAt = (retryable && failedAttempts < delivery.maxAttempts())
				? now.plus(new RetryPolicy(delivery.maxAttempts(), backoff).waitAfter(failedAttempts)) : null;
		this.records.failed(delivery.id(), now, (error != null) ? error : "failed", retryAt);
		DeliveryWakeups wakeups = this.wakeups.getIfAvailable();
		if (retryAt != null && wakeups != null) {
			wakeups.schedule(delivery.messageId(), orgId, retryAt);
		}
	}

	private OutboundMessage outbound(Message message, long orgId, long userId) {
		UserContact user = this.accounts.contact(userId).orElseThrow();
		return new OutboundMessage(message.messageId(), orgId,
				new OutboundMessage.Recipient(user.id(), user.username(), user.displayName(), user.email(),
						user.phone()),
				message.title(), message.content(), message.messageType().name(), message.priority().name(),
				message.category(), message.createTime());
	}

	/**
	 * The message's delivery records.
	 * @throws org.springframework.web.ErrorResponseException 404 if the organization sent
	 * no such message
	 */
	public List<Delivery> ofMessage(long orgId, long messageId) {
		Message message = this.inbox.message(messageId)
			.filter((found) -> found.orgId() == orgId)
			.orElseThrow(() -> MessageProblems.messageNotFound(messageId));
		return this.records.ofMessage(orgId, message.messageId());
	}

	/**
	 * The organization's pending deliveries, soonest due first.
	 */
	public List<Delivery> pending(long orgId, int limit) {
		return this.records.pending(orgId, limit);
	}

	/**
	 * Cancels a pending delivery of the organization (one that is no longer pending stays
	 * as it is).
	 */
	public Delivery cancel(long orgId, long id) {
		return this.records.cancel(orgId, id, this.clock.instant())
			.orElseThrow(() -> RoutingProblems.deliveryNotFound(id));
	}

	@Override
	public List<ChannelStats> channelStats(long orgId, Instant from, Instant to) {
		return this.records.channelStats(orgId, from, to);
	}

}
