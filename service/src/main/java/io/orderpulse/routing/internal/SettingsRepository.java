package io.orderpulse.routing.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import io.orderpulse.routing.Channel;
import io.orderpulse.routing.NotificationPreferences;
import io.orderpulse.routing.QuietHours;
import io.orderpulse.routing.TimeWindow;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Quiet hours (an organization's under user 0, users' overrides) and users' notification
 * preferences (category '' for the defaults).
 */
@Repository
public class SettingsRepository {

	/** The user id under which an organization's own quiet hours are stored. */
	public static final long ORGANIZATION = 0;

	private final JdbcClient jdbc;

	SettingsRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public Optional<QuietHours> quietHours(long orgId, long userId) {
		return this.jdbc.sql("select * from quiet_hours where org_id = :orgId and user_id = :userId")
			.param("orgId", orgId)
			.param("userId", userId)
			.query(SettingsRepository::quietHours)
			.optional();
	}

	/**
	 * The quiet hours stored for each of the users (those without any are missing).
	 */
	public Map<Long, QuietHours> quietHours(long orgId, Collection<Long> userIds) {
		Map<Long, QuietHours> hours = new HashMap<>();
		for (List<Long> chunk : chunks(userIds)) {
			this.jdbc.sql("select * from quiet_hours where org_id = :orgId and user_id in (:userIds)")
				.param("orgId", orgId)
				.param("userIds", chunk)
				.query((rs) -> {
					hours.put(rs.getLong("user_id"), quietHours(rs, 0));
				});
		}
		return hours;
	}

	public void saveQuietHours(long orgId, long userId, QuietHours hours) {
		this.jdbc.sql("""
				insert into quiet_hours (org_id, user_id, enabled, start_time, end_time, zone)
				values (:orgId, :userId, :enabled, :start, :end, :zone)
				on conflict (org_id, user_id) do update set enabled = excluded.enabled,
				    start_time = excluded.start_time, end_time = excluded.end_time, zone = excluded.zone
				""")
			.param("orgId", orgId)
			.param("userId", userId)
			.param("enabled", hours.enabled())
			.param("start", hours.window().start())
			.param("end", hours.window().end())
			.param("zone", hours.window().zone().getId())
			.update();
	}

	public boolean deleteQuietHours(long orgId, long userId) {
		return this.jdbc.sql("delete from quiet_hours where org_id = :orgId and user_id = :userId")
			.param("orgId", orgId)
			.param("userId", userId)
			.update() > 0;
	}

	public NotificationPreferences preferences(long userId) {
		Map<Channel, Boolean> defaults = new EnumMap<>(Channel.class);
		Map<String, Map<Channel, Boolean>> categories = new TreeMap<>();
		this.jdbc.sql("select category, channel, enabled from notification_preferences where user_id = :userId")
			.param("userId", userId)
			.query((rs) -> {
				Channel channel = Channel.valueOf(rs.getString("channel"));
				String category = rs.getString("category");
				Map<Channel, Boolean> target = category.isEmpty() ? defaults
						: categories.computeIfAbsent(category, (key) -> new EnumMap<>(Channel.class));
				target.put(channel, rs.getBoolean("enabled"));
			});
		return new NotificationPreferences(defaults, categories);
	}

	/**
	 * The preferences of each of the users (empty for those who set none).
	 */
	public Map<Long, NotificationPreferences> preferences(Collection<Long> userIds) {
		Map<Long, Map<Channel, Boolean>> defaults = new HashMap<>();
		Map<Long, Map<String, Map<Channel, Boolean>>> categories = new HashMap<>();
		for (List<Long> chunk : chunks(userIds)) {
			this.jdbc.sql(
					"select user_id, category, channel, enabled from notification_preferences where user_id in (:userIds)")
				.param("userIds", chunk)
				.query((rs) -> {
					long userId = rs.getLong("user_id");
					Channel channel = Channel.valueOf(rs.getString("channel"));
					String category = rs.getString("category");
					Map<Channel, Boolean> target = category.isEmpty()
							? defaults.computeIfAbsent(userId, (key) -> new EnumMap<>(Channel.class))
							: categories.computeIfAbsent(userId, (key) -> new TreeMap<>())
								.computeIfAbsent(category, (key) -> new EnumMap<>(Channel.class));
					target.put(channel, rs.getBoolean("enabled"));
				});
		}
		Map<Long, NotificationPreferences> preferences = new HashMap<>();
		for (long userId : userIds) {
			preferences.put(userId,
					new NotificationPreferences(defaults.getOrDefault(userId, new EnumMap<>(Channel.class)),
							categories.getOrDefault(userId, new TreeMap<>())));
		}
		return preferences;
	}

	private static List<List<Long>> chunks(Collection<Long> userIds) {
		List<Long> ids = List.copyOf(userIds);
		List<List<Long>> chunks = new ArrayList<>();
		for (int from = 0; from < ids.size(); from += 1000) {
			chunks.add(ids.subList(from, Math.min(ids.size(), from + 1000)));
		}
		return chunks;
	}

	public void savePreferences(long userId, NotificationPreferences preferences) {
		this.jdbc.sql("delete from notification_preferences where user_id = :userId").param("userId", userId).update();
		preferences.channels().forEach((channel, enabled) -> insert(userId, "", channel, enabled));
		preferences.categories()
			.forEach((category, channels) -> channels
				.forEach((channel, enabled) -> insert(userId, category, channel, enabled)));
	}

	private void insert(long userId, String category, Channel channel, boolean enabled) {
		this.jdbc.sql("""
				insert into notification_preferences (user_id, category, channel, enabled)
				values (:userId, :category, :channel, :enabled)
				""")
			.param("userId", userId)
			.param("category", category)
			.param("channel", channel.name())
			.param("enabled", enabled)
			.update();
	}

	private static QuietHours quietHours(ResultSet rs, int row) throws SQLException {
		return new QuietHours(rs.getBoolean("enabled"), new TimeWindow(rs.getObject("start_time", LocalTime.class),
				rs.getObject("end_time", LocalTime.class), ZoneId.of(rs.getString("zone"))));
	}

}
