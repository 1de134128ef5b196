package io.orderpulse.routing;

import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;

import io.orderpulse.IntegrationTest;
import io.orderpulse.TestApi;
import io.orderpulse.TestApi.Response;
import io.orderpulse.TestOrg;
import io.orderpulse.identity.UserAccounts;
import io.orderpulse.identity.UserGroups;
import io.orderpulse.identity.UserSummary;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A message to a group of {@code group-push-limit} (1,000) members is routed per member,
 * with what routing needs of the members loaded in a few queries for all of them and the
 * records inserted in batches: the time until every member's records exist is logged (a
 * figure, not a limit). The rule (for members of the group) holds both channels for an
 * hour, so the figure is routing's own work, not the channels'; one member's preferences
 * and another's quiet hours still apply to them alone.
 */
@IntegrationTest
class GroupRoutingAtScaleTests {

	private static final Logger log = LoggerFactory.getLogger(GroupRoutingAtScaleTests.class);

	private static final int MEMBERS = 1000;

	@Autowired
	TestApi api;

	@Autowired
	UserAccounts accounts;

	@Autowired
	UserGroups groups;

	@Autowired
	Deliveries deliveries;

	@Test
	void aGroupOfAThousandMembersIsRouted() {
		TestOrg org = new TestOrg(this.api, "Scale");
		long orgId = org.admin.orgId();
		List<UserSummary> members = this.accounts.createBenchUsers(orgId,
				"member-" + Long.toString(System.nanoTime(), 36), MEMBERS);
		long groupId = this.groups.create(orgId, "Everyone", null).id();
		members.forEach((member) -> this.groups.addMember(orgId, groupId, member.id()));
		org.rule("""
				{"name": "Digest", "priority": 1, "condition": {"category": "DIGEST", "groupIds": [%d]},
				 "action": {"channels": ["WEBSOCKET", "EMAIL"], "delay": "PT1H", "respectQuietHours": true}}
				""".formatted(groupId));
		UserSummary noEmail = members.get(0);
		assertThat(this.api
			.put("/api/v1/users/me/notification-preferences", "{\"categories\": {\"DIGEST\": {\"EMAIL\": false}}}",
					this.api.tokenFor(noEmail))
			.status()).isEqualTo(200);
		UserSummary quiet = members.get(1);
		ZonedDateTime now = ZonedDateTime.now(ZoneId.of("Asia/Shanghai")).truncatedTo(ChronoUnit.MINUTES);
		assertThat(this.api.put("/api/v1/users/me/quiet-hours", """
				{"enabled": true, "start": "%s", "end": "%s", "zone": "Asia/Shanghai"}
				""".formatted(now.toLocalTime(), now.plusHours(2).toLocalTime()), this.api.tokenFor(quiet)).status())
			.isEqualTo(200);

		long start = System.nanoTime();
		Response sent = this.api.post("/api/v1/messages/send-to-group", """
				{"groupId": %d, "groupType": "USER_GROUP", "messageType": "SYSTEM", "title": "Digest",
				 "content": "Weekly digest", "priority": "NORMAL", "category": "DIGEST"}
				""".formatted(groupId), org.adminToken);
		assertThat(sent.status()).as(sent.toString()).isEqualTo(200);
		long messageId = sent.json().get("messageId").asLong();
		List<Delivery> records = await().atMost(Duration.ofMinutes(2))
			.pollInterval(Duration.ofMillis(50))
			.until(() -> this.deliveries.ofMessage(orgId, messageId), (list) -> list.size() == 2 * MEMBERS - 1);
		long millis = (System.nanoTime() - start) / 1_000_000;
		log.info("Routed a message to a group of {} members ({} held records) in {} ms", MEMBERS, records.size(),
				millis);
		assertThat(records).allSatisfy((record) -> {
			assertThat(record.status()).isEqualTo(DeliveryStatus.PENDING);
			assertThat(record.heldBy()).isEqualTo((record.userId() == quiet.id()) ? "QUIET_HOURS" : "DELAY");
		});
		assertThat(records).filteredOn((record) -> record.userId() == noEmail.id())
			.extracting(Delivery::channel)
			.containsExactly(Channel.WEBSOCKET);
		assertThat(records).filteredOn((record) -> record.userId() == quiet.id()).hasSize(2);
	}

}
