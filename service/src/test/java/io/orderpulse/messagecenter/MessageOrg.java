package io.orderpulse.messagecenter;

import java.time.Duration;
import java.util.List;

import io.orderpulse.TestApi;
import io.orderpulse.TestApi.Response;
import io.orderpulse.identity.Role;
import io.orderpulse.identity.UserSummary;
import io.orderpulse.realtime.Destinations;
import io.orderpulse.realtime.RawStompSocket;
import io.orderpulse.realtime.RawStompSocket.Frame;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A fresh organization with its own admin for message tests, and helpers to send and read
 * over HTTP.
 */
final class MessageOrg {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	final TestApi api;

	final String name;

	final UserSummary admin;

	final String adminToken;

	MessageOrg(TestApi api, String name) {
		this.api = api;
		this.name = name + " " + Long.toString(System.nanoTime(), 36);
		this.admin = api.createUser(this.name, "admin", Role.ADMIN);
		this.adminToken = api.tokenFor(this.admin);
	}

	long orgId() {
		return this.admin.orgId();
	}

	UserSummary user(String prefix) {
		return this.api.createUser(this.name, prefix, Role.BUYER);
	}

	String token(UserSummary user) {
		return this.api.tokenFor(user);
	}

	static String message(String title) {
		return message(title, "SYSTEM", "NORMAL", "GENERAL");
	}

	static String message(String title, String messageType, String priority, String category) {
		return """
				"messageType": "%s", "title": "%s", "content": "Content of %s", "priority": "%s", "category": "%s"
				""".formatted(messageType, title, title, priority, category);
	}

	Response sendToUser(UserSummary user, String fields) {
		return this.api.post("/api/v1/messages/send", "{\"receiverId\": " + user.id() + ", " + fields + "}",
				this.adminToken);
	}

	long direct(UserSummary user, String title) {
		Response sent = sendToUser(user, message(title));
		assertThat(sent.status()).as(sent.toString()).isEqualTo(200);
		return sent.json().get("messageId").asLong();
	}

	long broadcast(String title) {
		Response sent = this.api.post("/api/v1/messages/broadcast",
				"{\"scope\": \"ORGANIZATION\", " + message(title) + "}", this.adminToken);
		assertThat(sent.status()).as(sent.toString()).isEqualTo(200);
		return sent.json().get("messageId").asLong();
	}

	long group(String groupName, UserSummary... members) {
		Response created = this.api.post("/api/v1/groups", "{\"name\": \"" + groupName + "\"}", this.adminToken);
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		long groupId = created.json().get("id").asLong();
		for (UserSummary member : members) {
			assertThat(this.api.post("/api/v1/groups/" + groupId + "/members/" + member.id(), null, this.adminToken)
				.status()).isEqualTo(204);
		}
		return groupId;
	}

	long unread(String token) {
		Response count = this.api.get("/api/v1/messages/unread-count", token);
		assertThat(count.status()).as(count.toString()).isEqualTo(200);
		return count.json().get("unreadCount").asLong();
	}

	List<Long> ids(String token, String query) {
		Response page = this.api.get("/api/v1/messages" + query, token);
		assertThat(page.status()).as(page.toString()).isEqualTo(200);
		return page.json().get("items").valueStream().map((item) -> item.get("messageId").asLong()).toList();
	}

	RawStompSocket socket(UserSummary user) throws Exception {
		return RawStompSocket.subscribed(this.api.ws(), this.api.tokenFor(user), Destinations.MESSAGES);
	}

	static JsonNode next(RawStompSocket socket) throws InterruptedException {
		Frame frame = socket.next();
		assertThat(frame.command()).as(frame.toString()).isEqualTo("MESSAGE");
		return JSON.readTree(frame.body());
	}

	/**
	 * The next UNREAD_COUNT push's count, skipping nothing.
	 */
	static long nextCount(RawStompSocket socket) throws InterruptedException {
		JsonNode push = next(socket);
		assertThat(push.get("type").asString()).as(push.toString()).isEqualTo("UNREAD_COUNT");
		return push.get("data").get("count").asLong();
	}

	static void assertNothingMore(RawStompSocket socket) throws InterruptedException {
		assertThat(socket.poll(Duration.ofMillis(300))).isNull();
	}

}
