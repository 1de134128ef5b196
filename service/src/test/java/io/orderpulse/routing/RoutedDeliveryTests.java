package io.orderpulse.routing;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;

import io.orderpulse.IntegrationTest;
import io.orderpulse.TestApi;
import io.orderpulse.TestApi.Response;
import io.orderpulse.TestOrg;
import io.orderpulse.identity.UserSummary;
import io.orderpulse.platform.broker.BrokerQueues;
import io.orderpulse.realtime.RawStompSocket;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskHolder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What routing does with a sent message: quiet hours hold it until their end (URGENT is
 * never held), a rule's delay holds it and an admin can cancel it, preferences remove
 * channels, and every channel attempt has a record. Time is controlled by passing the job
 * a later "now", as the scheduled job passes the clock's.
 */
@IntegrationTest
class RoutedDeliveryTests {

	private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

	@Autowired
	TestApi api;

	@Autowired
	Deliveries deliveries;

	@Autowired
	ObjectProvider<BrokerQueues> broker;

	@Autowired
	List<ScheduledTaskHolder> scheduled;

	private TestOrg org;

	@BeforeEach
	void newOrganization() {
		this.org = new TestOrg(this.api, "Delivery");
	}

	@Test
	void withoutRulesAMessageIsPushedAtOnceWithARecord() throws Exception {
		UserSummary alice = this.org.user("alice");
		try (RawStompSocket socket = this.org.onlineSocket(alice)) {
			long messageId = this.org.send(alice, "Hello", "NORMAL", "GENERAL");
			assertThat(TestOrg.nextMessage(socket)).isEqualTo(messageId);
			JsonNode record = this.org.awaitStatus(messageId, "WEBSOCKET", "SENT");
			assertThat(record.get("userId").asLong()).isEqualTo(alice.id());
			assertThat(record.get("attempts").asInt()).isEqualTo(1);
			assertThat(record.get("heldBy").asString()).isEqualTo("NONE");
			assertThat(record.get("ruleId").isNull()).isTrue();
			assertThat(record.get("sentTime").isNull()).isFalse();
		}
	}

	@Test
	void quietHoursHoldAMessageUntilTheyEndThenPushIt() throws Exception {
		UserSummary alice = this.org.user("alice");
		Instant end = quietHoursAroundNow(alice);
		try (RawStompSocket socket = this.org.onlineSocket(alice)) {
			long messageId = this.org.send(alice, "Tonight's report", "NORMAL", "REPORTS");
			JsonNode held = this.org.awaitStatus(messageId, "WEBSOCKET", "PENDING");
			assertThat(held.get("heldBy").asString()).isEqualTo("QUIET_HOURS");
			assertThat(Instant.parse(held.get("nextAttemptTime").asString())).isEqualTo(end);
			// in the inbox at once, but not pushed
			assertThat(inbox(alice)).contains(messageId);
			TestOrg.assertNoMessagePush(socket, Duration.ofMillis(500));
			assertThat(pendingIds()).contains(held.get("id").asLong());

			this.deliveries.runDue(end.minusSeconds(1));
			assertThat(this.org.deliveries(messageId).get(0).get("status").asString()).isEqualTo("PENDING");
			TestOrg.assertNoMessagePush(socket, Duration.ofMillis(200));

			this.deliveries.runDue(end);
			assertThat(TestOrg.nextMessage(socket)).isEqualTo(messageId);
			JsonNode sent = this.org.awaitStatus(messageId, "WEBSOCKET", "SENT");
			assertThat(sent.get("sentTime").asString()).isEqualTo(end.toString());
		}
	}

	@Test
	void urgentMessagesAreNeverHeldByQuietHours() throws Exception {
		UserSummary alice = this.org.user("alice");
		quietHoursAroundNow(alice);
		try (RawStompSocket socket = this.org.onlineSocket(alice)) {
			long messageId = this.org.send(alice, "Server down", "URGENT", "OPS");
			assertThat(TestOrg.nextMessage(socket)).isEqualTo(messageId);
			assertThat(this.org.awaitStatus(messageId, "WEBSOCKET", "SENT").get("heldBy").asString()).isEqualTo("NONE");
		}
	}

	@Test
	void theOrganizationsQuietHoursApplyUnlessTheUserOverridesThem() {
		UserSummary alice = this.org.user("alice");
		UserSummary bob = this.org.user("bob");
		Response set = this.api.put("/api/v1/message-routes/quiet-hours", windowAroundNow(true), this.org.adminToken);
		assertThat(set.status()).as(set.toString()).isEqualTo(200);
		assertThat(
				this.api.get("/api/v1/message-routes/quiet-hours", this.org.adminToken).json().get("zone").asString())
			.isEqualTo("Asia/Shanghai");
		// bob switches quiet hours off for himself
		assertThat(this.api.put("/api/v1/users/me/quiet-hours", windowAroundNow(false), this.org.token(bob)).status())
			.isEqualTo(200);

		long toAlice = this.org.send(alice, "For alice", "HIGH", "GENERAL");
		long toBob = this.org.send(bob, "For bob", "HIGH", "GENERAL");
		assertThat(this.org.awaitStatus(toAlice, "WEBSOCKET", "PENDING").get("heldBy").asString())
			.isEqualTo("QUIET_HOURS");
		assertThat(this.org.awaitStatus(toBob, "WEBSOCKET", "SENT").get("heldBy").asString()).isEqualTo("NONE");

		// a rule may ignore quiet hours
		this.org
			.rule("""
					{"name": "Ignore quiet", "priority": 1, "action": {"channels": ["WEBSOCKET"], "respectQuietHours": false}}
					""");
		long ignoring = this.org.send(alice, "Not held", "NORMAL", "GENERAL");
		assertThat(this.org.awaitStatus(ignoring, "WEBSOCKET", "SENT").get("heldBy").asString()).isEqualTo("NONE");
	}

	@Test
	void quietHoursAreValidated() {
		Response rejected = this.api.put("/api/v1/users/me/quiet-hours", """
				{"start": "22:00", "end": "7am", "zone": "Moon/Base", "snooze": true}
				""", this.org.token(this.org.user("alice")));
		assertThat(rejected.status()).isEqualTo(400);
		assertThat(rejected.json().get("errors").valueStream().map((error) -> error.get("field").asString()))
			.containsExactlyInAnyOrder("snooze", "end", "zone");
		assertThat(this.api
			.put("/api/v1/message-routes/quiet-hours", "{\"start\": \"22:00\", \"end\": \"08:00\", \"zone\": \"UTC\"}",
					this.org.token(this.org.user("bob")))
			.status()).isEqualTo(403);
		assertThat(this.api.get("/api/v1/message-routes/quiet-hours", this.org.adminToken).status()).isEqualTo(404);
	}

	@Test
	void aRulesDelayHoldsThePushAndAnAdminCanCancelIt() throws Exception {
		UserSummary alice = this.org.user("alice");
		long ruleId = this.org.rule("""
				{"name": "Digest later", "priority": 1, "condition": {"category": "DIGEST"},
				 "action": {"channels": ["WEBSOCKET"], "delay": "PT10M"}}
				""");
		try (RawStompSocket socket = this.org.onlineSocket(alice)) {
			Instant before = Instant.now().truncatedTo(ChronoUnit.MILLIS);
			long delayed = this.org.send(alice, "Digest", "NORMAL", "DIGEST");
			long cancelled = this.org.send(alice, "Digest 2", "NORMAL", "DIGEST");
			JsonNode held = this.org.awaitStatus(delayed, "WEBSOCKET", "PENDING");
			assertThat(held.get("heldBy").asString()).isEqualTo("DELAY");
			assertThat(held.get("ruleId").asLong()).isEqualTo(ruleId);
			Instant due = Instant.parse(held.get("nextAttemptTime").asString());
			assertThat(due).isBetween(before.plus(Duration.ofMinutes(10)), Instant.now().plus(Duration.ofMinutes(10)));

			long toCancel = this.org.awaitStatus(cancelled, "WEBSOCKET", "PENDING").get("id").asLong();
			Response cancel = this.api.post("/api/v1/message-deliveries/" + toCancel + "/cancel", null,
					this.org.adminToken);
			assertThat(cancel.status()).as(cancel.toString()).isEqualTo(200);
			assertThat(cancel.json().get("status").asString()).isEqualTo("CANCELLED");
			TestOrg other = new TestOrg(this.api, "Other");
			assertThat(this.api
				.post("/api/v1/message-deliveries/" + held.get("id").asLong() + "/cancel", null, other.adminToken)
				.status()).isEqualTo(404);
			assertThat(pendingIds()).contains(held.get("id").asLong()).doesNotContain(toCancel);
			TestOrg.assertNoMessagePush(socket, Duration.ofMillis(300));

			this.deliveries.runDue(due.plusSeconds(1));
			assertThat(TestOrg.nextMessage(socket)).isEqualTo(delayed);
			TestOrg.assertNoMessagePush(socket, Duration.ofMillis(300));
			assertThat(this.org.awaitStatus(delayed, "WEBSOCKET", "SENT").get("attempts").asInt()).isEqualTo(1);
			assertThat(this.org.deliveries(cancelled).get(0).get("status").asString()).isEqualTo("CANCELLED");
		}
	}

	@Test
	void aChannelTheUserTurnedOffIsNeverUsed() throws Exception {
		UserSummary alice = this.org.user("alice");
		this.org.rule("""
				{"name": "Everything", "priority": 1, "action": {"channels": ["WEBSOCKET", "EMAIL", "SMS"]}}
				""");
		Response saved = this.api.put("/api/v1/users/me/notification-preferences", """
				{"channels": {"SMS": false}, "categories": {"marketing": {"WEBSOCKET": false, "EMAIL": false}}}
				""", this.org.token(alice));
		assertThat(saved.status()).as(saved.toString()).isEqualTo(200);
		assertThat(saved.json().get("channels").toString())
			.isEqualTo("{\"WEBSOCKET\":true,\"EMAIL\":true,\"WEBHOOK\":true,\"SMS\":false}");
		assertThat(saved.json().get("categories").toString())
			.isEqualTo("{\"MARKETING\":{\"WEBSOCKET\":false,\"EMAIL\":false}}");
		assertThat(this.api.get("/api/v1/users/me/notification-preferences", this.org.token(alice)).json().toString())
			.isEqualTo(saved.json().toString());

		try (RawStompSocket socket = this.org.onlineSocket(alice)) {
			long marketing = this.org.send(alice, "Sale!", "NORMAL", "MARKETING");
			long general = this.org.send(alice, "News", "NORMAL", "GENERAL");
			// URGENT keeps WEBSOCKET whatever the switches say
			long urgent = this.org.send(alice, "Urgent sale", "URGENT", "MARKETING");
			// each message is routed on its own thread: the two pushes may come in
			// either order
			assertThat(List.of(TestOrg.nextMessage(socket), TestOrg.nextMessage(socket)))
				.containsExactlyInAnyOrder(general, urgent);
			TestOrg.assertNoMessagePush(socket, Duration.ofMillis(300));
			assertThat(channels(this.org.deliveries(general, 2))).containsExactlyInAnyOrder("WEBSOCKET", "EMAIL");
			assertThat(channels(this.org.deliveries(urgent, 1))).containsExactly("WEBSOCKET");
			assertThat(this.org.deliveries(marketing)).isEmpty();
			// the inbox keeps every one
			assertThat(inbox(alice)).contains(marketing, general, urgent);
		}
	}

	@Test
	void preferencesAreValidated() {
		Response rejected = this.api.put("/api/v1/users/me/notification-preferences", """
				{"channels": {"PIGEON": false, "EMAIL": "no"}, "categories": {"A": {"SMS": 1}}, "x": 1}
				""", this.org.token(this.org.user("alice")));
		assertThat(rejected.status()).isEqualTo(400);
		assertThat(rejected.json().get("errors").valueStream().map((error) -> error.get("field").asString()))
			.containsExactlyInAnyOrder("x", "channels.PIGEON", "channels.EMAIL", "categories.A.SMS");
	}

	@Test
	void aPermanentChannelFailureIsRecordedFailedWithoutRetryAndCountedInTheStatistics() {
		UserSummary alice = this.org.user("alice");
		this.org.rule("""
				{"name": "SMS too", "priority": 1, "action": {"channels": ["WEBSOCKET", "SMS"]}}
				""");
		long messageId = this.org.send(alice, "Two channels", "NORMAL", "GENERAL");
		// the tests configure no SMS gateway: a failure no retry can fix
		JsonNode sms = this.org.awaitStatus(messageId, "SMS", "FAILED");
		assertThat(sms.get("lastError").asString()).contains("not configured");
		assertThat(sms.get("attempts").asInt()).isEqualTo(1);
		assertThat(sms.get("nextAttemptTime").isNull()).isTrue();
		this.org.awaitStatus(messageId, "WEBSOCKET", "SENT");

		Response stats = this.api.get("/api/v1/messages/statistics", this.org.adminToken);
		assertThat(stats.status()).as(stats.toString()).isEqualTo(200);
		assertThat(stats.json().get("channelStats").toString()).isEqualTo(
				"[{\"channel\":\"SMS\",\"deliveries\":1,\"sent\":0,\"failed\":1,\"pending\":0,\"successRate\":0.0},"
						+ "{\"channel\":\"WEBSOCKET\",\"deliveries\":1,\"sent\":1,\"failed\":0,\"pending\":0,\"successRate\":1.0}]");
	}

	@Test
	void deliveriesAreTheSendingOrganizationsAdminsOnly() {
		UserSummary alice = this.org.user("alice");
		long messageId = this.org.send(alice, "Private", "NORMAL", "GENERAL");
		this.org.awaitStatus(messageId, "WEBSOCKET", "SENT");
		TestOrg other = new TestOrg(this.api, "Other");
		assertThat(this.api.get("/api/v1/messages/" + messageId + "/deliveries", other.adminToken).status())
			.isEqualTo(404);
		assertThat(this.api.get("/api/v1/messages/" + messageId + "/deliveries", this.org.token(alice)).status())
			.isEqualTo(403);
	}

	@Test
	void organizationBroadcastsArePushedToWhoIsOnlineWithoutPerRecipientRecords() throws Exception {
		UserSummary alice = this.org.user("alice");
		this.org.rule("""
				{"name": "Email all", "priority": 1, "action": {"channels": ["WEBSOCKET", "EMAIL"], "delay": "PT1H"}}
				""");
		try (RawStompSocket socket = this.org.onlineSocket(alice)) {
			Response sent = this.api.post("/api/v1/messages/broadcast", """
					{"scope": "ORGANIZATION", "messageType": "SYSTEM", "title": "All hands", "content": "Now",
					 "priority": "NORMAL"}
					""", this.org.adminToken);
			assertThat(sent.status()).isEqualTo(200);
			long messageId = sent.json().get("messageId").asLong();
			assertThat(TestOrg.nextMessage(socket)).isEqualTo(messageId);
			assertThat(this.org.deliveries(messageId)).isEmpty();
		}
	}

	/**
	 * Sets the user's own quiet hours to a window from an hour ago to an hour from now
	 * (Shanghai time, across midnight when now is near it).
	 * @return when the window ends
	 */
	private Instant quietHoursAroundNow(UserSummary user) {
		Response set = this.api.put("/api/v1/users/me/quiet-hours", windowAroundNow(true), this.org.token(user));
		assertThat(set.status()).as(set.toString()).isEqualTo(200);
		Instant now = Instant.now();
		return new io.orderpulse.routing.TimeWindow(localHourFrom(now, -1), localHourFrom(now, 1), SHANGHAI).endOf(now);
	}

	private static String windowAroundNow(boolean enabled) {
		Instant now = Instant.now();
		return """
				{"enabled": %s, "start": "%s", "end": "%s", "zone": "Asia/Shanghai"}
				""".formatted(enabled, localHourFrom(now, -1), localHourFrom(now, 1));
	}

	private static LocalTime localHourFrom(Instant now, int hours) {
		return now.plus(Duration.ofHours(hours)).atZone(SHANGHAI).toLocalTime().truncatedTo(ChronoUnit.MINUTES);
	}

	private List<Long> inbox(UserSummary user) {
		return this.api.get("/api/v1/messages", this.org.token(user))
			.json()
			.get("items")
			.valueStream()
			.map((item) -> item.get("messageId").asLong())
			.toList();
	}

	private List<Long> pendingIds() {
		return this.api.get("/api/v1/message-deliveries/pending", this.org.adminToken)
			.json()
			.valueStream()
			.map((record) -> record.get("id").asLong())
			.toList();
	}

	private static List<String> channels(List<JsonNode> records) {
		return records.stream().map((record) -> record.get("channel").asString()).toList();
	}

	@Test
	void theJobLooksEvery5SecondsOrEveryMinuteInBrokerMode() {
		Duration expected = (this.broker.getIfAvailable() != null) ? Duration.ofMinutes(1) : Duration.ofSeconds(5);
		assertThat(this.scheduled.stream()
			.flatMap((holder) -> holder.getScheduledTasks().stream())
			.map((task) -> task.getTask())
			.filter((task) -> task.toString().contains("DeliveryJobs.runDue"))
			.map((task) -> ((FixedDelayTask) task).getIntervalDuration())).containsExactly(expected);
	}

}
