package io.orderpulse.messagecenter;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.orderpulse.IntegrationTest;
import io.orderpulse.TestApi;
import io.orderpulse.TestApi.Response;
import io.orderpulse.TestOrg;
import io.orderpulse.identity.UserSummary;
import io.orderpulse.messagecenter.internal.MessageRepository;
import io.orderpulse.realtime.RawStompSocket;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import static io.orderpulse.TestOrg.assertNothingMore;
import static io.orderpulse.TestOrg.message;
import static io.orderpulse.TestOrg.nextCount;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A recipient's inbox: reading, deleting, filters, pages, cursors and expiry, with the
 * unread count exact and pushed on every change.
 */
@IntegrationTest
class MessageInboxTests {

	@Autowired
	TestApi api;

	@Autowired
	Inbox inbox;

	@Autowired
	MessageRepository repository;

	TestOrg org;

	UserSummary alice;

	String token;

	@BeforeEach
	void newOrganization() {
		this.org = new TestOrg(this.api, "Inbox");
		this.alice = this.org.user("alice");
		this.token = this.org.token(this.alice);
	}

	@Test
	void readingAndDeletingChangeTheUnreadCountAndPushIt() throws Exception {
		List<Long> ids = new ArrayList<>();
		try (RawStompSocket socket = this.org.socket(this.alice)) {
			for (int i = 1; i <= 5; i++) {
				ids.add(this.org.direct(this.alice, "Message " + i));
			}
			drain(socket, 10);
			assertThat(this.org.unread(this.token)).isEqualTo(5);

			Response read = this.api.put("/api/v1/messages/" + ids.get(0) + "/read", null, this.token);
			assertThat(read.status()).as(read.toString()).isEqualTo(200);
			assertThat(read.json().get("status").asString()).isEqualTo("READ");
			assertThat(read.json().get("readTime").asString()).isNotEmpty();
			assertThat(nextCount(socket)).isEqualTo(4);

			assertThat(this.api.put("/api/v1/messages/" + ids.get(0) + "/read", null, this.token).status())
				.isEqualTo(200);
			assertNothingMore(socket);

			Response batch = this.api.put("/api/v1/messages/batch-read",
					"{\"messageIds\": [%d, %d, %d]}".formatted(ids.get(0), ids.get(1), ids.get(2)), this.token);
			assertThat(batch.status()).as(batch.toString()).isEqualTo(200);
			assertThat(batch.json().get("updated").asInt()).isEqualTo(2);
			assertThat(batch.json().get("unreadCount").asLong()).isEqualTo(2);
			assertThat(nextCount(socket)).isEqualTo(2);

			assertThat(this.api.delete("/api/v1/messages/" + ids.get(3), this.token).status()).isEqualTo(204);
			assertThat(nextCount(socket)).isEqualTo(1);
			assertThat(this.api.get("/api/v1/messages/" + ids.get(3), this.token).status()).isEqualTo(404);
			assertThat(this.api.delete("/api/v1/messages/" + ids.get(3), this.token).status()).isEqualTo(404);

			Response all = this.api.put("/api/v1/messages/read-all", null, this.token);
			assertThat(all.json().get("updated").asInt()).isEqualTo(1);
			assertThat(all.json().get("unreadCount").asLong()).isZero();
			assertThat(nextCount(socket)).isZero();

			assertThat(this.api.delete("/api/v1/messages/" + ids.get(0), this.token).status()).isEqualTo(204);
			assertNothingMore(socket);
		}
		assertThat(this.org.unread(this.token)).isZero();
		assertThat(this.org.ids(this.token, "")).containsExactly(ids.get(4), ids.get(2), ids.get(1));
		assertThat(this.org.ids(this.token, "?status=READ")).hasSize(3);
		assertThat(this.org.ids(this.token, "?status=UNREAD")).isEmpty();
	}

	@Test
	void readingABroadcastChangesOnlyTheReadersCount() throws Exception {
		UserSummary bob = this.org.user("bob");
		try (RawStompSocket bobs = this.org.socket(bob)) {
			long broadcast = this.org.broadcast("Holiday hours");
			drain(bobs, 2);
			assertThat(this.api.put("/api/v1/messages/" + broadcast + "/read", null, this.token).status())
				.isEqualTo(200);
			assertThat(this.api.delete("/api/v1/messages/" + broadcast, this.org.adminToken).status()).isEqualTo(204);
			assertNothingMore(bobs);
			assertThat(this.org.ids(this.org.token(bob), "?status=UNREAD")).containsExactly(broadcast);
		}
		assertThat(this.org.unread(this.token)).isZero();
		assertThat(this.org.unread(this.org.adminToken)).isZero();
		assertThat(this.org.ids(this.org.adminToken, "")).isEmpty();
		assertThat(this.org.unread(this.org.token(bob))).isEqualTo(1);
	}

	@Test
	void filtersByStatusTypePriorityCategoryAndDate() {
		long system = send("System", "SYSTEM", "LOW", "MAINTENANCE");
		long business = send("Business", "BUSINESS", "HIGH", "ORDER");
		long alert = send("Alert", "ALERT", "URGENT", "SECURITY");
		this.api.put("/api/v1/messages/" + business + "/read", null, this.token);

		assertThat(this.org.ids(this.token, "?messageType=SYSTEM")).containsExactly(system);
		assertThat(this.org.ids(this.token, "?priority=URGENT")).containsExactly(alert);
		assertThat(this.org.ids(this.token, "?category=ORDER")).containsExactly(business);
		assertThat(this.org.ids(this.token, "?status=UNREAD")).containsExactly(alert, system);
		assertThat(this.org.ids(this.token, "?status=READ&messageType=BUSINESS")).containsExactly(business);
		String today = java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString();
		String tomorrow = java.time.LocalDate.now(java.time.ZoneOffset.UTC).plusDays(1).toString();
		assertThat(this.org.ids(this.token, "?startDate=" + today + "&endDate=" + today)).hasSize(3);
		assertThat(this.org.ids(this.token, "?startDate=" + tomorrow)).isEmpty();
		assertThat(this.org.ids(this.token, "?endDate=2001-01-01")).isEmpty();

		Response filtered = this.api.get("/api/v1/messages?messageType=SYSTEM", this.token);
		assertThat(filtered.json().get("totalItems").asLong()).isEqualTo(1);
		assertThat(filtered.json().get("unreadCount").asLong()).isEqualTo(2);

		Response badType = this.api.get("/api/v1/messages?messageType=SPAM", this.token);
		assertThat(badType.status()).isEqualTo(400);
	}

	@Test
	void pagesAndCursorsWalkTheInboxNewestFirst() {
		List<Long> sent = new ArrayList<>();
		for (int i = 1; i <= 5; i++) {
			sent.add(this.org.direct(this.alice, "Message " + i));
		}
		List<Long> newestFirst = sent.reversed();

		Response first = this.api.get("/api/v1/messages?page=1&size=2", this.token);
		assertThat(first.json().get("totalItems").asLong()).isEqualTo(5);
		assertThat(first.json().get("totalPages").asLong()).isEqualTo(3);
		assertThat(first.json().get("page").asInt()).isEqualTo(1);
		assertThat(this.org.ids(this.token, "?page=1&size=2")).isEqualTo(newestFirst.subList(0, 2));
		assertThat(this.org.ids(this.token, "?page=3&size=2")).isEqualTo(newestFirst.subList(4, 5));
		assertThat(this.org.ids(this.token, "?page=4&size=2")).isEmpty();

		List<Long> walked = new ArrayList<>();
		String cursor = null;
		do {
			Response page = this.api.get("/api/v1/messages?size=2" + ((cursor != null) ? "&after=" + cursor : ""),
					this.token);
			assertThat(page.status()).as(page.toString()).isEqualTo(200);
			page.json().get("items").valueStream().forEach((item) -> walked.add(item.get("messageId").asLong()));
			JsonNode next = page.json().get("nextCursor");
			cursor = (next == null || next.isNull()) ? null : next.asString();
			// a message arriving while scrolling does not shift the cursor's pages
			if (walked.size() == 2) {
				this.org.direct(this.alice, "Newer");
			}
		}
		while (cursor != null);
		assertThat(walked).isEqualTo(newestFirst);

		assertThat(this.api.get("/api/v1/messages?after=garbage", this.token).status()).isEqualTo(400);
		assertThat(this.api.get("/api/v1/messages?page=0", this.token).status()).isEqualTo(400);
		assertThat(this.api.get("/api/v1/messages?size=101", this.token).status()).isEqualTo(400);
	}

	@Test
	void expiredMessagesLeaveTheInboxAtOnceAndArePurged() {
		long lasting = this.org.direct(this.alice, "Lasting");
		Response sent = this.org.sendToUser(this.alice,
				message("Short-lived") + ", \"expireTime\": \"" + Instant.now().plusSeconds(2) + "\"");
		assertThat(sent.status()).as(sent.toString()).isEqualTo(200);
		long shortLived = sent.json().get("messageId").asLong();
		assertThat(this.org.ids(this.token, "")).containsExactly(shortLived, lasting);
		assertThat(this.org.unread(this.token)).isEqualTo(2);

		await().atMost(Duration.ofSeconds(10)).until(() -> this.org.ids(this.token, "").size() == 1);
		assertThat(this.org.unread(this.token)).isEqualTo(1);
		assertThat(this.api.get("/api/v1/messages/" + shortLived, this.token).status()).isEqualTo(404);
		assertThat(this.api.put("/api/v1/messages/" + shortLived + "/read", null, this.token).status()).isEqualTo(404);
		assertThat(this.repository.find(shortLived)).isPresent();

		assertThat(this.inbox.purgeExpired(Instant.now())).isPositive();
		assertThat(this.repository.find(shortLived)).isEmpty();
		assertThat(this.repository.find(lasting)).isPresent();
	}

	/**
	 * Takes the pushes of messages sent while the socket was open (MESSAGE and
	 * UNREAD_COUNT, one delivery after another).
	 */
	static void drain(RawStompSocket socket, int frames) throws InterruptedException {
		for (int i = 0; i < frames; i++) {
			TestOrg.next(socket);
		}
	}

	long send(String title, String type, String priority, String category) {
		Response sent = this.org.sendToUser(this.alice, message(title, type, priority, category));
		assertThat(sent.status()).as(sent.toString()).isEqualTo(200);
		return sent.json().get("messageId").asLong();
	}

}
