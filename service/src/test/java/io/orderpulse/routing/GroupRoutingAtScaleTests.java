package io.orderpulse.routing;

import java.time.Duration;
import java.util.List;

import io.orderpulse.IntegrationTest;
import io.orderpulse.TestApi;
import io.orderpulse.TestApi.Response;
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
 * A message to a group of {@code group-push-limit} (1,000) members is routed per member:
 * the time until every member's records exist is logged (a figure, not a limit). The rule
 * holds both channels for an hour, so the figure is routing's own work (rules,
 * preferences, quiet hours, records), not the channels'.
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
		RoutingOrg org = new RoutingOrg(this.api, "Scale");
		long orgId = org.admin.orgId();
		List<UserSummary> members = this.accounts.createBenchUsers(orgId,
				"member-" + Long.toString(System.nanoTime(), 36), MEMBERS);
		long groupId = this.groups.create(orgId, "Everyone", null).id();
		members.forEach((member) -> this.groups.addMember(orgId, groupId, member.id()));
		org.rule("""
				{"name": "Digest", "priority": 1, "condition": {"category": "DIGEST"},
				 "action": {"channels": ["WEBSOCKET", "EMAIL"], "delay": "PT1H", "respectQuietHours": true}}
				""");

		long start = System.nanoTime();
		Response sent = this.api.post("/api/v1/messages/send-to-group", """
				{"groupId": %d, "groupType": "USER_GROUP", "messageType": "SYSTEM", "title": "Digest",
				 "content": "Weekly digest", "priority": "NORMAL", "category": "DIGEST"}
				""".formatted(groupId), org.adminToken);
		assertThat(sent.status()).as(sent.toString()).isEqualTo(200);
		long messageId = sent.json().get("messageId").asLong();
		List<Delivery> records = await().atMost(Duration.ofMinutes(2))
			.pollInterval(Duration.ofMillis(50))
			.until(() -> this.deliveries.ofMessage(orgId, messageId), (list) -> list.size() == 2 * MEMBERS);
		long millis = (System.nanoTime() - start) / 1_000_000;
		log.info("Routed a message to a group of {} members ({} held records) in {} ms", MEMBERS, records.size(),
				millis);
		assertThat(records).allSatisfy((record) -> {
			assertThat(record.status()).isEqualTo(DeliveryStatus.PENDING);
			assertThat(record.heldBy()).isEqualTo("DELAY");
		});
	}

}
