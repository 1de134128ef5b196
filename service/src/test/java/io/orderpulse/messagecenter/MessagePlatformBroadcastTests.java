package io.orderpulse.messagecenter;

import java.util.Set;

import io.orderpulse.IntegrationTest;
import io.orderpulse.TestApi;
import io.orderpulse.TestApi.Response;
import io.orderpulse.TestOrg;
import io.orderpulse.identity.NewUser;
import io.orderpulse.identity.Organizations;
import io.orderpulse.identity.Role;
import io.orderpulse.identity.UserAccounts;
import io.orderpulse.identity.UserSummary;
import io.orderpulse.realtime.RawStompSocket;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static io.orderpulse.TestOrg.message;
import static io.orderpulse.TestOrg.next;
import static io.orderpulse.TestOrg.nextCount;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Broadcasts to ALL_USERS: a platform administrator's message reaches the users of every
 * organization; an organization's admin may not send one. The message is removed at the
 * end, since every user of the shared test database receives it.
 */
@IntegrationTest
class MessagePlatformBroadcastTests {

	@Autowired
	TestApi api;

	@Autowired
	UserAccounts accounts;

	@Autowired
	Organizations organizations;

	@Autowired
	JdbcClient jdbc;

	@Test
	void aPlatformAdministratorsMessageReachesTheUsersOfEveryOrganization() throws Exception {
		long platform = this.organizations.ensure("Platform " + System.nanoTime());
		UserSummary root = this.accounts.create(new NewUser(platform, "root-" + Long.toString(System.nanoTime(), 36),
				"a-test-passphrase", "Platform Ops", Set.of(Role.ADMIN, Role.PLATFORM_ADMIN), null));
		TestOrg first = new TestOrg(this.api, "First tenant");
		TestOrg second = new TestOrg(this.api, "Second tenant");
		UserSummary alice = first.user("alice");
		UserSummary bob = second.user("bob");

		Long messageId = null;
		try (RawStompSocket aliceSocket = first.socket(alice); RawStompSocket bobSocket = second.socket(bob)) {
			Response sent = this.api.post("/api/v1/messages/broadcast",
					"{\"scope\": \"ALL_USERS\", " + message("平台公告", "SYSTEM", "URGENT", "PLATFORM") + "}",
					this.api.tokenFor(root));
			assertThat(sent.status()).as(sent.toString()).isEqualTo(200);
			messageId = sent.json().get("messageId").asLong();
			assertThat(sent.json().get("receiverType").asString()).isEqualTo("BROADCAST");
			assertThat(sent.json().get("receiverId").isNull()).isTrue();
			assertThat(sent.json().get("recipientCount").asLong()).isEqualTo(this.accounts.countAll());

			for (RawStompSocket socket : new RawStompSocket[] { aliceSocket, bobSocket }) {
				JsonNode pushed = next(socket);
				assertThat(pushed.get("messageId").asLong()).isEqualTo(messageId);
				assertThat(pushed.get("data").get("senderName").asString()).isEqualTo("Platform Ops");
				assertThat(pushed.get("data").get("important").asBoolean()).isTrue();
				assertThat(nextCount(socket)).isEqualTo(1);
			}

			for (TestOrg org : new TestOrg[] { first, second }) {
				for (String token : new String[] { org.adminToken, org.token((org == first) ? alice : bob) }) {
					assertThat(org.ids(token, "")).containsExactly(messageId);
					assertThat(org.unread(token)).isEqualTo(1);
					assertThat(this.api.get("/api/v1/messages/" + messageId, token).status()).isEqualTo(200);
				}
			}

			// reading is per user: alice's read leaves bob's count alone
			assertThat(this.api.put("/api/v1/messages/" + messageId + "/read", null, first.token(alice)).status())
				.isEqualTo(200);
			assertThat(nextCount(aliceSocket)).isZero();
			assertThat(first.unread(first.token(alice))).isZero();
			assertThat(second.unread(second.token(bob))).isEqualTo(1);
		}
		finally {
			if (messageId != null) {
				this.jdbc.sql("delete from messages where id = ?").param(messageId).update();
			}
		}
	}

	@Test
	void anOrganizationsAdminMayNotAddressAllUsers() {
		TestOrg org = new TestOrg(this.api, "Ordinary");
		Response refused = this.api.post("/api/v1/messages/broadcast",
				"{\"scope\": \"ALL_USERS\", " + message("Everyone") + "}", org.adminToken);
		assertThat(refused.status()).isEqualTo(403);
		assertThat(refused.json().get("type").asString()).isEqualTo("urn:orderpulse:problem:platform-admin-required");

		Response template = this.api.post("/api/v1/message-templates",
				"{\"name\": \"Everyone\", \"title\": \"Hello\", \"content\": \"All of you\"}", org.adminToken);
		Response viaTemplate = this.api.post(
				"/api/v1/message-templates/" + template.json().get("templateId").asLong() + "/send",
				"{\"scope\": \"ALL_USERS\"}", org.adminToken);
		assertThat(viaTemplate.status()).isEqualTo(403);
		assertThat(viaTemplate.json().get("type").asString())
			.isEqualTo("urn:orderpulse:problem:platform-admin-required");
		// nobody received anything
		assertThat(this.jdbc.sql("select count(*) from messages where receiver_id is null").query(Long.class).single())
			.isZero();
	}

}
