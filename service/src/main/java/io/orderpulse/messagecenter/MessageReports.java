package io.orderpulse.messagecenter;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.orderpulse.identity.AuthenticatedUser;
import io.orderpulse.identity.UserGroups;
import io.orderpulse.messagecenter.internal.MessageRepository;
import io.orderpulse.messagecenter.internal.MessageRepository.InboxRow;
import io.orderpulse.messagecenter.internal.MessageRepository.Reader;
import io.orderpulse.messagecenter.internal.MessageRepository.SentRow;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Message statistics: an organization's sent messages (for its admins) and a user's own
 * inbox. Computed from the messages and the recipients' read state when asked; no
 * counters to keep in step.
 */
@Service
public class MessageReports {

	private final MessageRepository messages;

	private final UserGroups groups;

	private final ObjectProvider<DeliveryChannelStatistics> channels;

	MessageReports(MessageRepository messages, UserGroups groups, ObjectProvider<DeliveryChannelStatistics> channels) {
		this.messages = messages;
		this.groups = groups;
		this.channels = channels;
	}

	/**
	 * The messages the organization sent from {@code start} to {@code end} (UTC days,
	 * both inclusive), by day, week (from Monday) or month and by type.
	 */
	@Transactional(readOnly = true)
	public MessageStatistics organization(long orgId, LocalDate start, LocalDate end, GroupBy groupBy) {
		Instant from = start.atStartOfDay(ZoneOffset.UTC).toInstant();
		Instant to = end.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
		List<SentRow> rows = this.messages.sentStatistics(orgId, from, to, groupBy.unit());
		Map<LocalDate, Sum> periods = new TreeMap<>();
		for (LocalDate period = groupBy.first(start); !period.isAfter(end); period = groupBy.next(period)) {
			periods.put(period, new Sum());
		}
		Map<MessageType, Sum> types = new EnumMap<>(MessageType.class);
		Sum all = new Sum();
		for (SentRow row : rows) {
			periods.computeIfAbsent(row.period(), (period) -> new Sum()).add(row);
			types.computeIfAbsent(row.messageType(), (type) -> new Sum()).add(row);
			all.add(row);
		}
		List<MessageStatistics.PeriodStats> daily = new ArrayList<>();
		periods.forEach((period, sum) -> daily.add(new MessageStatistics.PeriodStats(period, sum.messages,
				sum.recipients, sum.deliveries, sum.reads, sum.readRate())));
		List<MessageStatistics.TypeStats> byType = new ArrayList<>();
		types.forEach((type, sum) -> byType.add(new MessageStatistics.TypeStats(type, sum.messages, sum.recipients,
				sum.deliveries, sum.reads, sum.readRate())));
		return new MessageStatistics(start, end, groupBy.unit(), all.messages, all.recipients, all.deliveries,
				all.reads, all.readRate(), all.avgReadTime(), daily, byType, channelStats(orgId, from, to));
	}

	private List<MessageStatistics.ChannelStats> channelStats(long orgId, Instant from, Instant to) {
		DeliveryChannelStatistics source = this.channels.getIfAvailable();
		return (source != null) ? source.channelStats(orgId, from, to) : List.of();
	}

	/**
	 * The caller's inbox: what it holds now, read and unread, by type.
	 */
	@Transactional(readOnly = true)
	public UserMessageStatistics user(AuthenticatedUser caller) {
		Reader reader = new Reader(caller.userId(), caller.orgId(),
				this.groups.groupIdsOf(caller.orgId(), caller.userId()));
		long total = 0;
		long unread = 0;
		long reads = 0;
		double seconds = 0;
		List<UserMessageStatistics.TypeStats> byType = new ArrayList<>();
		for (InboxRow row : this.messages.inboxStatistics(reader)) {
			total += row.messages();
			unread += row.unread();
			reads += row.reads();
			seconds += row.readSeconds();
			byType.add(new UserMessageStatistics.TypeStats(row.messageType(), row.messages(), row.unread(),
					row.messages() - row.unread()));
		}
		long read = total - unread;
		return new UserMessageStatistics(total, unread, read, ratio(read, total), ratio(seconds, reads), byType);
	}

	private static double ratio(double part, double whole) {
		return (whole > 0) ? Math.round(part / whole * 1000) / 1000.0 : 0;
	}

	/**
	 * The unit of a statistics series.
	 */
	public enum GroupBy {

		DAY("day"), WEEK("week"), MONTH("month");

		private final String unit;

		GroupBy(String unit) {
			this.unit = unit;
		}

		String unit() {
			return this.unit;
		}

		/** The first day of the period holding {@code day} (PostgreSQL's date_trunc). */
		LocalDate first(LocalDate day) {
			return switch (this) {
				case DAY -> day;
				case WEEK -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
				case MONTH -> day.withDayOfMonth(1);
			};
		}

		LocalDate next(LocalDate period) {
			return switch (this) {
				case DAY -> period.plus(1, ChronoUnit.DAYS);
				case WEEK -> period.plus(1, ChronoUnit.WEEKS);
				case MONTH -> period.plus(1, ChronoUnit.MONTHS);
			};
		}

	}

	private static final class Sum {

		long messages;

		long recipients;

		long deliveries;

		long reads;

		double readSeconds;

		void add(SentRow row) {
			this.messages += row.messages();
			this.recipients += row.recipients();
			this.deliveries += row.deliveries();
			this.reads += row.reads();
			this.readSeconds += row.readSeconds();
		}

		double readRate() {
			return ratio(this.reads, this.deliveries);
		}

		double avgReadTime() {
			return ratio(this.readSeconds, this.reads);
		}

	}

}
