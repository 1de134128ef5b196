package io.orderpulse.messagecenter;

import java.time.LocalDate;
import java.time.ZoneOffset;

import io.orderpulse.IntegrationTest;
import io.orderpulse.TestApi;
import io.orderpulse.TestApi.Response;
import io.orderpulse.TestOrg;
import io.orderpulse.identity.UserSummary;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static io.orderpulse.TestOrg.message;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Statistics of an organization's sent messages (its admins only) and of the caller's
 * inbox; neither counts another organization's messages.
 */
@IntegrationTest
class MessageStatisticsTests {

	@Autowired
	TestApi api;

	@Autowired
	JdbcClient jdbc;

	TestOrg org;

	UserSummary alice;

	UserSummary bob;

	long broadcastRecipients;

	@BeforeEach
	void messagesSentAndRead() {
		this.org = new TestOrg(this.api, "Stats");
		this.alice = this.org.user("alice");
		this.bob = this.org.user("bob");
		String alices = this.org.token(this.alice);
		String bobs = this.org.token(this.bob);

		long direct = this.org.direct(this.alice, "Direct");
		long groupId = this.org.group("Pair", this.alice, this.bob);
		Response group = this.api.post("/api/v1/messages/send-to-group",
				"{\"groupId\": %d, \"groupType\": \"USER_GROUP\", %s}".formatted(groupId,
						message("Group", "BUSINESS", "NORMAL", "TEAM")),
				this.org.adminToken);
		assertThat(group.json().get("recipientCount").asLong()).isEqualTo(2);
		long toGroup = group.json().get("messageId").asLong();
		Response broadcast = this.api.post("/api/v1/messages/broadcast",
				"{\"scope\": \"ORGANIZATION\", " + message("Everyone") + "}", this.org.adminToken);
		this.broadcastRecipients = broadcast.json().get("recipientCount").asLong();
		assertThat(this.broadcastRecipients).isEqualTo(3);
		long toAll = broadcast.json().get("messageId").asLong();

		read(alices, direct);
		read(alices, toAll);
		read(bobs, toGroup);
		// deleting after reading keeps the read
		assertThat(this.api.delete("/api/v1/messages/" + toGroup, bobs).status()).isEqualTo(204);
		// the broadcast reached bob, who has not read it (as delivery tracking
		// records it)
		this.jdbc.sql("""
				insert into message_recipients (message_id, user_id, status, delivered_time)
				values (?, ?, 'UNREAD', now())
				""").params(toAll, this.bob.id()).update();
	}

	private void read(String token, long messageId) {
		assertThat(this.api.put("/api/v1/messages/" + messageId + "/read", null, token).status()).isEqualTo(200);
	}

	private JsonNode statistics(String token, String query) {
		Response response = this.api.get("/api/v1/messages/statistics" + query, token);
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		return response.json();
	}

	@Test
	void countsMessagesRecipientsAndReadsByDayAndType() {
		LocalDate today = LocalDate.now(ZoneOffset.UTC);
		JsonNode stats = statistics(this.org.adminToken,
				"?startDate=" + today.minusDays(6) + "&endDate=" + today + "&groupBy=day");
		long recipients = 1 + 2 + this.broadcastRecipients;
		assertThat(stats.get("messages").asLong()).isEqualTo(3);
		assertThat(stats.get("total").asLong()).isEqualTo(recipients);
		assertThat(stats.get("delivered").asLong()).as("the three reads and bob's delivery").isEqualTo(4);
		assertThat(stats.get("read").asLong()).isEqualTo(3);
		assertThat(stats.get("readRate").asDouble()).isEqualTo(0.75);
		assertThat(stats.get("avgReadTime").asDouble()).isBetween(0.0, 60.0);

		JsonNode daily = stats.get("dailyStats");
		assertThat(daily.size()).as("every day of the range").isEqualTo(7);
		assertThat(daily.get(0).get("date").asString()).isEqualTo(today.minusDays(6).toString());
		assertThat(daily.get(0).get("total").asLong()).isZero();
		JsonNode last = daily.get(6);
		assertThat(last.get("date").asString()).isEqualTo(today.toString());
		assertThat(last.get("messages").asLong()).isEqualTo(3);
		assertThat(last.get("total").asLong()).isEqualTo(recipients);
		assertThat(last.get("delivered").asLong()).isEqualTo(4);
		assertThat(last.get("read").asLong()).isEqualTo(3);

		JsonNode types = stats.get("typeStats");
		assertThat(types.size()).isEqualTo(2);
		assertThat(types.get(0).get("messageType").asString()).isEqualTo("SYSTEM");
		assertThat(types.get(0).get("count").asLong()).isEqualTo(2);
		assertThat(types.get(0).get("total").asLong()).isEqualTo(1 + this.broadcastRecipients);
		assertThat(types.get(0).get("delivered").asLong()).isEqualTo(3);
		assertThat(types.get(0).get("read").asLong()).isEqualTo(2);
		assertThat(types.get(0).get("readRate").asDouble()).isEqualTo(0.667);
		assertThat(types.get(1).get("messageType").asString()).isEqualTo("BUSINESS");
		assertThat(types.get(1).get("count").asLong()).isEqualTo(1);
		assertThat(types.get(1).get("total").asLong()).isEqualTo(2);
		assertThat(types.get(1).get("delivered").asLong()).isEqualTo(1);
		assertThat(types.get(1).get("readRate").asDouble()).isEqualTo(1.0);

		JsonNode monthly = statistics(this.org.adminToken,
				"?startDate=" + today.minusDays(40) + "&endDate=" + today + "&groupBy=month");
		assertThat(monthly.get("dailyStats").size()).isBetween(2, 3);
		assertThat(monthly.get("messages").asLong()).isEqualTo(3);
		JsonNode yesterday = statistics(this.org.adminToken, "?endDate=" + today.minusDays(1));
		assertThat(yesterday.get("messages").asLong()).isZero();
		assertThat(yesterday.get("dailyStats").size()).as("30 days by default").isEqualTo(30);
	}

	@Test
	void theCallersInboxInNumbers() {
		JsonNode alices = this.api.get("/api/v1/messages/user-statistics", this.org.token(this.alice)).json();
		assertThat(alices.get("total").asLong()).isEqualTo(3);
		assertThat(alices.get("read").asLong()).isEqualTo(2);
		assertThat(alices.get("unread").asLong()).isEqualTo(1);
		assertThat(alices.get("readRate").asDouble()).isEqualTo(0.667);
		assertThat(alices.get("typeStats").size()).isEqualTo(2);

		JsonNode bobs = this.api.get("/api/v1/messages/user-statistics", this.org.token(this.bob)).json();
		assertThat(bobs.get("total").asLong()).as("the deleted group message is gone").isEqualTo(1);
		assertThat(bobs.get("unread").asLong()).isEqualTo(1);
		assertThat(bobs.get("avgReadTime").asDouble()).isZero();
	}

	@Test
	void onlyAdminsSeeTheirOwnOrganizationsStatistics() {
		assertThat(this.api.get("/api/v1/messages/statistics", this.org.token(this.alice)).status()).isEqualTo(403);
		assertThat(this.api.get("/api/v1/messages/statistics", null).status()).isEqualTo(401);

		TestOrg theirs = new TestOrg(this.api, "Stats elsewhere");
		UserSummary mallory = theirs.user("mallory");
		JsonNode before = statistics(theirs.adminToken, "");
		assertThat(before.get("messages").asLong()).isZero();
		assertThat(before.get("total").asLong()).isZero();
		JsonNode mallorys = this.api.get("/api/v1/messages/user-statistics", theirs.token(mallory)).json();
		assertThat(mallorys.get("total").asLong()).isZero();

		theirs.direct(mallory, "Theirs");
		assertThat(statistics(theirs.adminToken, "").get("messages").asLong()).isEqualTo(1);
		assertThat(statistics(this.org.adminToken, "").get("messages").asLong()).isEqualTo(3);
		assertThat(this.api.get("/api/v1/messages/user-statistics", this.org.token(this.alice))
			.json()
			.get("total")
			.asLong()).isEqualTo(3);
	}

	@Test
	void rejectsBadRangesAndUnits() {
		String[][] cases = { { "?startDate=2024-02-01&endDate=2024-01-01", "startDate" },
				{ "?startDate=2022-12-31&endDate=2024-01-01", "endDate" }, { "?groupBy=year", "groupBy" },
				{ "?startDate=yesterday", "startDate" } };
		for (String[] bad : cases) {
			Response response = this.api.get("/api/v1/messages/statistics" + bad[0], this.org.adminToken);
			assertThat(response.status()).as(bad[0]).isEqualTo(400);
			assertThat(response.json().get("errors").get(0).get("field").asString()).as(bad[0]).isEqualTo(bad[1]);
		}
		assertThat(statistics(this.org.adminToken, "?startDate=2024-01-01&endDate=2024-12-31&groupBy=WEEK")
			.get("dailyStats")
			.size()).isEqualTo(53);
	}

}
