package io.orderpulse.messagecenter;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import io.orderpulse.IntegrationTest;
import io.orderpulse.TestApi;
import io.orderpulse.TestApi.Response;
import io.orderpulse.TestOrg;
import io.orderpulse.identity.UserSummary;
import io.orderpulse.realtime.Destinations;
import io.orderpulse.realtime.RawStompSocket;
import io.orderpulse.realtime.RawStompSocket.Frame;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static io.orderpulse.TestOrg.next;
import static io.orderpulse.TestOrg.nextCount;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A recipient's deliveredTime (first listed or shown, or acknowledged by the client) and
 * archiving.
 */
@IntegrationTest
class MessageDeliveryAndArchiveTests {

	@Autowired
	TestApi api;

	@Autowired
	JdbcClient jdbc;

	TestOrg org;

	UserSummary alice;

	@BeforeEach
	void newOrganization() {
		this.org = new TestOrg(this.api, "Delivery");
		this.alice = this.org.user("alice");
	}

	@Test
	void aMessageIsDeliveredWhenTheRecipientFirstListsOrOpensIt() {
		long listed = this.org.direct(this.alice, "Listed");
		long broadcast = this.org.broadcast("Broadcast");
		assertThat(deliveredTime(listed)).isNull();
		assertThat(deliveredTime(broadcast)).isNull();

		Instant before = Instant.now().minusSeconds(1);
		Response page = this.api.get("/api/v1/messages", this.org.token(this.alice));
		JsonNode first = page.json().get("items").get(0);
		assertThat(first.get("messageId").asLong()).isEqualTo(broadcast);
		Instant shown = Instant.parse(first.get("deliveredTime").asString());
		assertThat(shown).isAfter(before);
		assertThat(deliveredTime(broadcast)).isNotNull();
		assertThat(deliveredTime(listed)).isNotNull();
		assertThat(first.get("status").asString()).isEqualTo("UNREAD");
		assertThat(this.org.unread(this.org.token(this.alice))).isEqualTo(2);

		// the first delivery counts: listing again changes nothing
		Instant stored = deliveredTime(broadcast);
		this.api.get("/api/v1/messages", this.org.token(this.alice));
		assertThat(deliveredTime(broadcast)).isEqualTo(stored);

		// opening one, and reading one, deliver it too; nobody else's state changes
		long opened = this.org.direct(this.alice, "Opened");
		assertThat(this.api.get("/api/v1/messages/" + opened, this.org.token(this.alice))
			.json()
			.get("deliveredTime")
			.isNull()).isFalse();
		long read = this.org.direct(this.alice, "Read");
		assertThat(this.api.put("/api/v1/messages/" + read + "/read", null, this.org.token(this.alice))
			.json()
			.get("deliveredTime")
			.isNull()).isFalse();
		assertThat(this.jdbc.sql("select count(*) from message_recipients where message_id = ? and user_id <> ?")
			.params(broadcast, this.alice.id())
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void aClientsAckDeliversAPushedMessageAndCanReadIt() throws Exception {
		try (RawStompSocket socket = this.org.socket(this.alice)) {
			long pushed = this.org.direct(this.alice, "Pushed");
			assertThat(next(socket).get("messageId").asLong()).isEqualTo(pushed);
			assertThat(nextCount(socket)).isEqualTo(1);
			assertThat(deliveredTime(pushed)).isNull();

			// the id may come as a string too, as in the seed's examples
			socket.sendFrame("SEND", Map.of("destination", "/app/messages/ack"),
					"{\"type\": \"ACK\", \"data\": {\"originalMessageId\": \"" + pushed + "\"}}");
			await().atMost(Duration.ofSeconds(5)).until(() -> deliveredTime(pushed) != null);
			assertThat(this.org.unread(this.org.token(this.alice))).isEqualTo(1);

			ack(socket, pushed, "READ");
			assertThat(nextCount(socket)).isZero();
			assertThat(status(pushed)).isEqualTo("READ");

			// someone else's message id is ignored, and the connection stays
			long bobs = this.org.direct(this.org.user("bob"), "Not yours");
			ack(socket, bobs, "READ");
			long again = this.org.direct(this.alice, "Again");
			assertThat(next(socket).get("messageId").asLong()).isEqualTo(again);
			assertThat(status(bobs)).isNull();

			// a malformed ACK is refused
			socket.sendFrame("SEND", Map.of("destination", "/app/messages/ack"), "{\"type\": \"ACK\"}");
			Frame refused = nextNonMessage(socket);
			assertThat(refused.command()).isEqualTo("ERROR");
			assertThat(refused.body()).contains("originalMessageId");
		}
	}

	@Test
	void archivedMessagesLeaveTheInboxAndTheUnreadCountUntilUnarchived() throws Exception {
		String token = this.org.token(this.alice);
		long kept;
		long archived;
		try (RawStompSocket socket = this.org.socket(this.alice)) {
			kept = this.org.direct(this.alice, "Kept");
			assertThat(next(socket).get("messageId").asLong()).isEqualTo(kept);
			assertThat(nextCount(socket)).isEqualTo(1);
			archived = this.org.broadcast("Archived");
			assertThat(next(socket).get("messageId").asLong()).isEqualTo(archived);
			assertThat(nextCount(socket)).isEqualTo(2);

			Response response = this.api.put("/api/v1/messages/" + archived + "/archive", null, token);
			assertThat(response.status()).as(response.toString()).isEqualTo(200);
			assertThat(response.json().get("archived").asBoolean()).isTrue();
			assertThat(response.json().get("status").asString()).isEqualTo("UNREAD");
			assertThat(nextCount(socket)).isEqualTo(1);
		}
		assertThat(this.org.ids(token, "")).containsExactly(kept);
		assertThat(this.org.ids(token, "?archived=false")).containsExactly(kept);
		assertThat(this.org.ids(token, "?archived=true")).containsExactly(archived);
		assertThat(this.org.unread(token)).isEqualTo(1);
		assertThat(this.api.get("/api/v1/messages?archived=true", token).json().get("totalItems").asLong())
			.isEqualTo(1);
		// archiving is per recipient: the admin still has the broadcast in the inbox
		assertThat(this.org.ids(this.org.adminToken, "")).containsExactly(archived);
		// still readable while archived
		assertThat(this.api.get("/api/v1/messages/" + archived, token).status()).isEqualTo(200);

		Response back = this.api.put("/api/v1/messages/" + archived + "/unarchive", null, token);
		assertThat(back.status()).isEqualTo(200);
		assertThat(back.json().get("archived").asBoolean()).isFalse();
		assertThat(this.org.ids(token, "")).containsExactly(archived, kept);
		assertThat(this.org.unread(token)).isEqualTo(2);

		// another user's or organization's message cannot be archived
		TestOrg theirs = new TestOrg(this.api, "Other delivery");
		assertThat(this.api.put("/api/v1/messages/" + kept + "/archive", null, this.org.token(this.org.user("bob")))
			.status()).isEqualTo(404);
		assertThat(this.api.put("/api/v1/messages/" + archived + "/archive", null, theirs.adminToken).status())
			.isEqualTo(404);
		assertThat(this.api.put("/api/v1/messages/" + archived + "/unarchive", null, theirs.adminToken).status())
			.isEqualTo(404);
	}

	private void ack(RawStompSocket socket, long messageId, String status) {
		socket.sendFrame("SEND", Map.of("destination", "/app/messages/ack", "content-type", "application/json"), """
				{"type": "ACK", "messageId": "ack-1", "timestamp": %d,
				 "data": {"originalMessageId": %d, "status": "%s"}}
				""".formatted(System.currentTimeMillis(), messageId, status));
	}

	private static Frame nextNonMessage(RawStompSocket socket) throws InterruptedException {
		Frame frame = socket.next();
		while (frame.command().equals("MESSAGE") && Destinations.MESSAGES.equals(frame.header("destination"))) {
			frame = socket.next();
		}
		return frame;
	}

	private @Nullable Instant deliveredTime(long messageId) {
		return this.jdbc.sql("select delivered_time from message_recipients where message_id = ? and user_id = ?")
			.params(messageId, this.alice.id())
			.query((rs, row) -> {
				var at = rs.getTimestamp(1);
				return (at != null) ? at.toInstant() : null;
			})
			.optional()
			.orElse(null);
	}

	private @Nullable String status(long messageId) {
		return this.jdbc.sql("select status from message_recipients where message_id = ?")
			.param(messageId)
			.query(String.class)
			.optional()
			.orElse(null);
	}

}
