package io.orderpulse.messagecenter;

import io.orderpulse.IntegrationTest;
import io.orderpulse.TestApi;
import io.orderpulse.TestApi.Response;
import io.orderpulse.TestOrg;
import io.orderpulse.identity.UserSummary;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static io.orderpulse.TestOrg.message;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Organizations are tenants: no endpoint lists, shows, counts, changes or deletes another
 * organization's messages, nor sends to its users or groups.
 */
@IntegrationTest
class MessageTenancyTests {

	@Autowired
	TestApi api;

	TestOrg ours;

	TestOrg theirs;

	UserSummary alice;

	long direct;

	long toGroup;

	long broadcast;

	@BeforeEach
	void twoOrganizations() {
		this.ours = new TestOrg(this.api, "Ours");
		this.theirs = new TestOrg(this.api, "Theirs");
		this.alice = this.ours.user("alice");
		this.direct = this.ours.direct(this.alice, "Direct");
		long groupId = this.ours.group("Team", this.alice);
		Response group = this.api.post("/api/v1/messages/send-to-group",
				"{\"groupId\": %d, \"groupType\": \"USER_GROUP\", %s}".formatted(groupId, message("Group")),
				this.ours.adminToken);
		this.toGroup = group.json().get("messageId").asLong();
		this.broadcast = this.ours.broadcast("Broadcast");
	}

	@Test
	void anotherOrganizationCannotSeeOrCountOurMessages() {
		UserSummary mallory = this.theirs.user("mallory");
		for (String token : new String[] { this.theirs.adminToken, this.theirs.token(mallory) }) {
			assertThat(this.theirs.ids(token, "")).isEmpty();
			assertThat(this.theirs.unread(token)).isZero();
			Response list = this.api.get("/api/v1/messages?status=UNREAD", token);
			assertThat(list.json().get("totalItems").asLong()).isZero();
			assertThat(list.json().get("unreadCount").asLong()).isZero();
			for (long id : new long[] { this.direct, this.toGroup, this.broadcast }) {
				Response get = this.api.get("/api/v1/messages/" + id, token);
				assertThat(get.status()).isEqualTo(404);
				assertThat(get.json().get("type").asString()).isEqualTo("urn:orderpulse:problem:message-not-found");
			}
		}
	}

	@Test
	void anotherOrganizationCannotChangeOrDeleteOurMessages() {
		String token = this.theirs.token(this.theirs.user("mallory"));
		for (long id : new long[] { this.direct, this.toGroup, this.broadcast }) {
			assertThat(this.api.put("/api/v1/messages/" + id + "/read", null, token).status()).isEqualTo(404);
			assertThat(this.api.delete("/api/v1/messages/" + id, token).status()).isEqualTo(404);
			assertThat(this.api.put("/api/v1/messages/" + id + "/read", null, this.theirs.adminToken).status())
				.isEqualTo(404);
			assertThat(this.api.delete("/api/v1/messages/" + id, this.theirs.adminToken).status()).isEqualTo(404);
		}
		Response batch = this.api.put("/api/v1/messages/batch-read",
				"{\"messageIds\": [%d, %d, %d]}".formatted(this.direct, this.toGroup, this.broadcast), token);
		assertThat(batch.status()).isEqualTo(200);
		assertThat(batch.json().get("updated").asInt()).isZero();
		assertThat(this.api.put("/api/v1/messages/read-all", null, token).json().get("updated").asInt()).isZero();

		String alices = this.ours.token(this.alice);
		assertThat(this.ours.unread(alices)).isEqualTo(3);
		assertThat(this.ours.ids(alices, "?status=UNREAD")).containsExactly(this.broadcast, this.toGroup, this.direct);
	}

	@Test
	void usersOfTheSameOrganizationSeeOnlyWhatWasSentToThem() {
		UserSummary bob = this.ours.user("bob");
		String bobs = this.ours.token(bob);
		assertThat(this.ours.ids(bobs, "")).containsExactly(this.broadcast);
		assertThat(this.api.get("/api/v1/messages/" + this.direct, bobs).status()).isEqualTo(404);
		assertThat(this.api.get("/api/v1/messages/" + this.toGroup, bobs).status()).isEqualTo(404);
		assertThat(this.api.put("/api/v1/messages/" + this.direct + "/read", null, bobs).status()).isEqualTo(404);
		assertThat(this.api.delete("/api/v1/messages/" + this.direct, bobs).status()).isEqualTo(404);
		assertThat(this.ours.unread(this.ours.token(this.alice))).isEqualTo(3);
	}

	@Test
	void anotherOrganizationsAdminCannotSendToOurUsersOrGroups() {
		assertThat(this.theirs.sendToUser(this.alice, message("Hi")).status()).isEqualTo(404);
		assertThat(this.api
			.post("/api/v1/messages/send-to-group",
					"{\"groupId\": %d, \"groupType\": \"ORGANIZATION\", %s}".formatted(this.ours.orgId(),
							message("Hi")),
					this.theirs.adminToken)
			.status()).isEqualTo(404);
		assertThat(this.ours.unread(this.ours.token(this.alice))).isEqualTo(3);
	}

}
