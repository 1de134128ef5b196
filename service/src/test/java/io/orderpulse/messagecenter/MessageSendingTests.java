package io.orderpulse.messagecenter;

import java.time.Instant;
import java.util.List;

import io.orderpulse.IntegrationTest;
import io.orderpulse.TestApi;
import io.orderpulse.TestApi.Response;
import io.orderpulse.TestOrg;
import io.orderpulse.identity.UserSummary;
import io.orderpulse.realtime.RawStompSocket;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import static io.orderpulse.TestOrg.assertNothingMore;
import static io.orderpulse.TestOrg.message;
import static io.orderpulse.TestOrg.next;
import static io.orderpulse.TestOrg.nextCount;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sending messages to a user, a group, the organization, and who may send what.
 */
@IntegrationTest
class MessageSendingTests {

	@Autowired
	TestApi api;

	@Autowired
	Inbox inbox;

	TestOrg org;

	@BeforeEach
	void newOrganization() {
		this.org = new TestOrg(this.api, "Messages");
	}

	@Test
	void sendsToAUserAndPushesTheMessageAndTheUnreadCount() throws Exception {
		UserSummary alice = this.org.user("alice");
		try (RawStompSocket socket = this.org.socket(alice)) {
			Response sent = this.org.sendToUser(alice, """
					"messageType": "SYSTEM", "title": "系统维护通知", "content": "系统将于今晚22:00-24:00进行维护升级",
					"priority": "HIGH", "category": "MAINTENANCE",
					"metadata": {"actionUrl": "/maintenance/details", "actionText": "查看详情"},
					"expireTime": "2099-01-27T00:00:00Z"
					""");
			assertThat(sent.status()).as(sent.toString()).isEqualTo(200);
			long messageId = sent.json().get("messageId").asLong();
			assertThat(sent.json().get("recipientCount").asLong()).isEqualTo(1);
			assertThat(sent.json().get("receiverType").asString()).isEqualTo("USER");
			assertThat(sent.json().get("createTime").asString()).isNotEmpty();

			JsonNode pushed = next(socket);
			assertThat(pushed.get("type").asString()).isEqualTo("MESSAGE");
			assertThat(pushed.get("messageId").asLong()).isEqualTo(messageId);
			assertThat(pushed.get("timestamp").asLong()).isPositive();
			JsonNode data = pushed.get("data");
			assertThat(data.get("title").asString()).isEqualTo("系统维护通知");
			assertThat(data.get("senderId").asLong()).isEqualTo(this.org.admin.id());
			assertThat(data.get("senderName").asString()).isEqualTo("admin");
			assertThat(data.get("priority").asString()).isEqualTo("HIGH");
			assertThat(data.get("important").asBoolean()).isTrue();
			assertThat(data.get("metadata").get("actionText").asString()).isEqualTo("查看详情");
			assertThat(data.get("expireTime").asString()).startsWith("2099-01-27T00:00");
			assertThat(nextCount(socket)).isEqualTo(1);
		}

		assertThat(this.org.unread(this.org.token(alice))).isEqualTo(1);
		Response list = this.api.get("/api/v1/messages", this.org.token(alice));
		assertThat(list.json().get("unreadCount").asLong()).isEqualTo(1);
		assertThat(list.json().get("items").get(0).get("status").asString()).isEqualTo("UNREAD");
		assertThat(list.json().get("items").get(0).get("category").asString()).isEqualTo("MAINTENANCE");
	}

	@Test
	void offlineRecipientsFindTheMessageInTheirInbox() {
		UserSummary bob = this.org.user("bob");
		long messageId = this.org.direct(bob, "While you were away");

		assertThat(this.org.ids(this.org.token(bob), "")).containsExactly(messageId);
		assertThat(this.org.unread(this.org.token(bob))).isEqualTo(1);
	}

	@Test
	void sendsToTheMembersOfAGroupOnly() throws Exception {
		UserSummary member = this.org.user("member");
		UserSummary other = this.org.user("member");
		UserSummary outsider = this.org.user("outsider");
		long groupId = this.org.group("Ops", member, other);

		try (RawStompSocket socket = this.org.socket(member)) {
			Response sent = this.api.post("/api/v1/messages/send-to-group",
					"{\"groupId\": %d, \"groupType\": \"USER_GROUP\", %s}".formatted(groupId, message("Shift plan")),
					this.org.adminToken);
			assertThat(sent.status()).as(sent.toString()).isEqualTo(200);
			assertThat(sent.json().get("recipientCount").asLong()).isEqualTo(2);
			JsonNode pushed = next(socket);
			assertThat(pushed.get("data").get("receiverType").asString()).isEqualTo("USER_GROUP");
			assertThat(nextCount(socket)).isEqualTo(1);
		}

		assertThat(this.org.unread(this.org.token(member))).isEqualTo(1);
		assertThat(this.org.unread(this.org.token(other))).isEqualTo(1);
		assertThat(this.org.unread(this.org.token(outsider))).isZero();
		assertThat(this.org.unread(this.org.adminToken)).isZero();
	}

	@Test
	void broadcastsToEveryMemberOfTheOrganizationWithExactCounts() throws Exception {
		List<UserSummary> users = List.of(this.org.user("u"), this.org.user("u"), this.org.user("u"));
		long direct = this.org.direct(users.get(0), "Just for you");

		long broadcast;
		try (RawStompSocket online = this.org.socket(users.get(1))) {
			Response sent = this.api.post("/api/v1/messages/broadcast",
					"{\"scope\": \"ORGANIZATION\", " + message("Announcement") + "}", this.org.adminToken);
			assertThat(sent.status()).as(sent.toString()).isEqualTo(200);
			assertThat(sent.json().get("recipientCount").asLong()).isEqualTo(4);
			assertThat(sent.json().get("receiverType").asString()).isEqualTo("BROADCAST");
			broadcast = sent.json().get("messageId").asLong();

			JsonNode pushed = next(online);
			assertThat(pushed.get("messageId").asLong()).isEqualTo(broadcast);
			assertThat(nextCount(online)).isEqualTo(1);
			assertNothingMore(online);
		}

		assertThat(this.org.ids(this.org.token(users.get(0)), "")).containsExactly(broadcast, direct);
		assertThat(this.org.unread(this.org.token(users.get(0)))).isEqualTo(2);
		assertThat(this.org.unread(this.org.token(users.get(1)))).isEqualTo(1);
		assertThat(this.org.unread(this.org.token(users.get(2)))).isEqualTo(1);
		assertThat(this.org.unread(this.org.adminToken)).isEqualTo(1);
	}

	@Test
	void sendsToTheWholeOrganizationAsAGroup() {
		UserSummary user = this.org.user("u");
		Response sent = this.api.post("/api/v1/messages/send-to-group",
				"{\"groupId\": %d, \"groupType\": \"ORGANIZATION\", %s}".formatted(this.org.orgId(), message("All")),
				this.org.adminToken);
		assertThat(sent.status()).as(sent.toString()).isEqualTo(200);
		assertThat(sent.json().get("receiverType").asString()).isEqualTo("ORGANIZATION");
		assertThat(sent.json().get("recipientCount").asLong()).isEqualTo(2);
		assertThat(this.org.unread(this.org.token(user))).isEqualTo(1);
	}

	@Test
	void otherModulesSendThroughTheJavaApi() {
		UserSummary user = this.org.user("u");
		MessageDraft draft = new MessageDraft(MessageType.BUSINESS, "Order shipped", "Your order is on its way.",
				Priority.NORMAL, "ORDER", null, null);
		Sent sent = this.inbox.sendToUser(this.org.orgId(), user.id(), draft);
		this.inbox.sendToOrganization(this.org.orgId(), draft);

		Response list = this.api.get("/api/v1/messages", this.org.token(user));
		assertThat(list.json().get("unreadCount").asLong()).isEqualTo(2);
		JsonNode direct = this.api.get("/api/v1/messages/" + sent.messageId(), this.org.token(user)).json();
		assertThat(direct.get("senderName").asString()).isEqualTo(Inbox.SYSTEM_SENDER);
		assertThat(direct.get("messageType").asString()).isEqualTo("BUSINESS");
	}

	@Test
	void invalidMessagesAreRefusedNamingTheFields() {
		UserSummary user = this.org.user("u");
		Response invalid = this.org.sendToUser(user, """
				"messageType": "SYSTEM", "title": "", "content": "%s", "expireTime": "2001-01-01T00:00:00Z"
				""".formatted("x".repeat(10_001)));
		assertThat(invalid.status()).as(invalid.toString()).isEqualTo(400);
		assertThat(invalid.json().get("type").asString()).isEqualTo("urn:orderpulse:problem:invalid-request");
		assertThat(fields(invalid)).containsExactlyInAnyOrder("title", "content", "expireTime");

		Response unknownType = this.org.sendToUser(user,
				"\"messageType\": \"SPAM\", \"title\": \"t\", \"content\": \"c\"");
		assertThat(unknownType.status()).isEqualTo(400);
		assertThat(fields(unknownType)).containsExactly("messageType");

		Response missing = this.api.post("/api/v1/messages/send", "{" + message("No receiver") + "}",
				this.org.adminToken);
		assertThat(missing.status()).isEqualTo(400);
		assertThat(fields(missing)).containsExactly("receiverId");

		Response role = this.api.post("/api/v1/messages/send-to-group",
				"{\"groupId\": 1, \"groupType\": \"ROLE\", " + message("Role") + "}", this.org.adminToken);
		assertThat(role.status()).isEqualTo(400);
		assertThat(fields(role)).containsExactly("groupType");

		assertThat(this.org.unread(this.org.token(user))).isZero();
	}

	@Test
	void onlyAdminsMaySend() {
		UserSummary buyer = this.org.user("buyer");
		String token = this.org.token(buyer);
		assertThat(this.api
			.post("/api/v1/messages/send", "{\"receiverId\": %d, %s}".formatted(buyer.id(), message("x")), token)
			.status()).isEqualTo(403);
		assertThat(
				this.api
					.post("/api/v1/messages/send-to-group",
							"{\"groupId\": %d, \"groupType\": \"ORGANIZATION\", %s}".formatted(buyer.orgId(),
									message("x")),
							token)
					.status())
			.isEqualTo(403);
		assertThat(this.api
			.post("/api/v1/messages/broadcast", "{\"scope\": \"ORGANIZATION\", " + message("x") + "}", token)
			.status()).isEqualTo(403);
		assertThat(this.org.unread(token)).isZero();
	}

	@Test
	void broadcastingToAllUsersNeedsAPlatformAdministrator() {
		Response refused = this.api.post("/api/v1/messages/broadcast",
				"{\"scope\": \"ALL_USERS\", " + message("Everyone") + "}", this.org.adminToken);
		assertThat(refused.status()).isEqualTo(403);
		assertThat(refused.json().get("type").asString()).isEqualTo("urn:orderpulse:problem:platform-admin-required");
	}

	@Test
	void receiversMustExistInTheSendersOrganization() {
		TestOrg other = new TestOrg(this.api, "Other");
		UserSummary stranger = other.user("stranger");
		long strangersGroup = other.group("Theirs", stranger);

		Response user = this.org.sendToUser(stranger, message("Hi"));
		assertThat(user.status()).isEqualTo(404);
		assertThat(user.json().get("type").asString()).isEqualTo("urn:orderpulse:problem:user-not-found");
		assertThat(
				this.api
					.post("/api/v1/messages/send-to-group",
							"{\"groupId\": %d, \"groupType\": \"USER_GROUP\", %s}".formatted(strangersGroup,
									message("Hi")),
							this.org.adminToken)
					.status())
			.isEqualTo(404);
		assertThat(
				this.api
					.post("/api/v1/messages/send-to-group",
							"{\"groupId\": %d, \"groupType\": \"ORGANIZATION\", %s}".formatted(other.orgId(),
									message("Hi")),
							this.org.adminToken)
					.status())
			.isEqualTo(404);
		assertThat(this.api
			.post("/api/v1/messages/send", "{\"receiverId\": 999999999, " + message("Hi") + "}", this.org.adminToken)
			.status()).isEqualTo(404);
		assertThat(other.unread(other.token(stranger))).isZero();
	}

	@Test
	void sendingIsRateLimitedPerSender() {
		UserSummary user = this.org.user("u");
		for (int i = 0; i < 30; i++) {
			this.org.direct(user, "Message " + i);
		}
		Response limited = this.org.sendToUser(user, message("One too many"));
		assertThat(limited.status()).isEqualTo(429);
		assertThat(limited.json().get("type").asString()).isEqualTo("urn:orderpulse:problem:too-many-messages");
		assertThat(limited.headers().firstValue("Retry-After"))
			.hasValueSatisfying((seconds) -> assertThat(Long.parseLong(seconds)).isPositive());

		TestOrg other = new TestOrg(this.api, "Unlimited");
		assertThat(other.sendToUser(other.user("v"), message("Still fine")).status()).isEqualTo(200);
		assertThat(this.org.unread(this.org.token(user))).isEqualTo(30);
	}

	static List<String> fields(Response problem) {
		return problem.json().get("errors").valueStream().map((error) -> error.get("field").asString()).toList();
	}

}
