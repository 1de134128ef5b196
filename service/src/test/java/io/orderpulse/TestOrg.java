package io.orderpulse;

import java.time.Duration;
import java.util.List;

import io.orderpulse.TestApi.Response;
import io.orderpulse.identity.Role;
import io.orderpulse.identity.UserSummary;
import io.orderpulse.realtime.Destinations;
import io.orderpulse.realtime.RawStompSocket;
import io.orderpulse.realtime.RawStompSocket.Frame;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A fresh organization with its own admin, and helpers over HTTP to send and read
 * messages, form groups, write routing rules and follow a message's deliveries (the
 * message center's and the routing's tests share it).
 */
public final class TestOrg {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	public final TestApi api;

	public final String name;

	public final UserSummary admin;

	public final String adminToken;

	public TestOrg(TestApi api, String name) {
		this.api = api;
		this.name = name + " " + Long.toString(System.nanoTime(), 36);
		this.admin = api.createUser(this.name, "admin", Role.ADMIN);
		this.adminToken = api.tokenFor(this.admin);
	}

	public long orgId() {
		return this.admin.orgId();
	}

	public UserSummary user(String prefix) {
		return user(prefix, Role.BUYER);
	}

	public UserSummary user(String prefix, Role role) {
		return this.api.createUser(this.name, prefix, role);
	}

	public String token(UserSummary user) {
		return this.api.tokenFor(user);
	}

	/**
	 * A message's fields, without braces, for a request body.
	 */
	public static String message(String title) {
		return message(title, "SYSTEM", "NORMAL", "GENERAL");
	}

	public static String message(String title, String messageType, String priority, String category) {
		return """
				"messageType": "%s", "title": "%s", "content": "Content of %s", "priority": "%s", "category": "%s"
				""".formatted(messageType, title, title, priority, category);
	}

	public Response sendToUser(UserSummary user, String fields) {
		return this.api.post("/api/v1/messages/send", "{\"receiverId\": " + user.id() + ", " + fields + "}",
				this.adminToken);
	}

	/**
	 * Sends a direct message and returns its id.
	 */
	public long direct(UserSummary user, String title) {
		return send(user, message(title));
	}

	/**
	 * Sends a direct message and returns its id.
	 */
	public long send(UserSummary user, String title, String priority, String category) {
		return send(user, message(title, "SYSTEM", priority, category));
	}

	private long send(UserSummary user, String fields) {
		Response sent = sendToUser(user, fields);
		assertThat(sent.status()).as(sent.toString()).isEqualTo(200);
		return sent.json().get("messageId").asLong();
	}

	public long broadcast(String title) {
		Response sent = this.api.post("/api/v1/messages/broadcast",
				"{\"scope\": \"ORGANIZATION\", " + message(title) + "}", this.adminToken);
		assertThat(sent.status()).as(sent.toString()).isEqualTo(200);
		return sent.json().get("messageId").asLong();
	}

	public long group(String groupName, UserSummary... members) {
		Response created = this.api.post("/api/v1/groups", "{\"name\": \"" + groupName + "\"}", this.adminToken);
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		long groupId = created.json().get("id").asLong();
		for (UserSummary member : members) {
			assertThat(this.api.post("/api/v1/groups/" + groupId + "/members/" + member.id(), null, this.adminToken)
				.status()).isEqualTo(204);
		}
		return groupId;
	}

	public long unread(String token) {
		Response count = this.api.get("/api/v1/messages/unread-count", token);
		assertThat(count.status()).as(count.toString()).isEqualTo(200);
		return count.json().get("unreadCount").asLong();
	}

	public List<Long> ids(String token, String query) {
		Response page = this.api.get("/api/v1/messages" + query, token);
		assertThat(page.status()).as(page.toString()).isEqualTo(200);
		return page.json().get("items").valueStream().map((item) -> item.get("messageId").asLong()).toList();
	}

	public Response createRule(String json) {
		return this.api.post("/api/v1/message-routes", json, this.adminToken);
	}

	public long rule(String json) {
		Response created = createRule(json);
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		return created.json().get("id").asLong();
	}

	/**
	 * The message's delivery records once it has {@code count} of them.
	 */
	public List<JsonNode> deliveries(long messageId, int count) {
		return await().atMost(Duration.ofSeconds(10))
			.until(() -> deliveries(messageId), (list) -> list.size() == count);
	}

	public List<JsonNode> deliveries(long messageId) {
		Response response = this.api.get("/api/v1/messages/" + messageId + "/deliveries", this.adminToken);
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		return response.json().valueStream().toList();
	}

	/**
	 * The message's record of the channel once its status is the given one.
	 */
	public JsonNode awaitStatus(long messageId, String channel, String status) {
		return await().atMost(Duration.ofSeconds(10))
			.until(() -> deliveries(messageId).stream()
				.filter((record) -> record.get("channel").asString().equals(channel))
				.findFirst()
				.orElse(null), (record) -> record != null && record.get("status").asString().equals(status));
	}

	/**
	 * A socket of the user subscribed to their messages.
	 */
	public RawStompSocket socket(UserSummary user) throws Exception {
		return RawStompSocket.subscribed(this.api.ws(), this.api.tokenFor(user), Destinations.MESSAGES);
	}

	/**
	 * A socket of the user (of this organization) subscribed to their messages, once
	 * presence counts them online (pushes to a whole organization go to the users
	 * presence knows; in cluster mode a node writes presence to Redis a moment after the
	 * session opens).
	 */
	public RawStompSocket onlineSocket(UserSummary user) throws Exception {
		RawStompSocket socket = socket(user);
		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.api.get("/api/v1/presence", this.adminToken)
				.body()
				.contains("\"userId\":" + user.id() + ","));
		return socket;
	}

	public static JsonNode next(RawStompSocket socket) throws InterruptedException {
		Frame frame = socket.next();
		assertThat(frame.command()).as(frame.toString()).isEqualTo("MESSAGE");
		return JSON.readTree(frame.body());
	}

	/**
	 * The next UNREAD_COUNT push's count, skipping nothing.
	 */
	public static long nextCount(RawStompSocket socket) throws InterruptedException {
		JsonNode push = next(socket);
		assertThat(push.get("type").asString()).as(push.toString()).isEqualTo("UNREAD_COUNT");
		return push.get("data").get("count").asLong();
	}

	/**
	 * The next MESSAGE push's message id, skipping unread counts.
	 */
	public static long nextMessage(RawStompSocket socket) throws InterruptedException {
		while (true) {
			Frame frame = socket.poll(Duration.ofSeconds(10));
			assertThat(frame).as("a push").isNotNull();
			assertThat(frame.command()).as(frame.toString()).isEqualTo("MESSAGE");
			JsonNode push = JSON.readTree(frame.body());
			if (push.get("type").asString().equals("MESSAGE")) {
				return push.get("messageId").asLong();
			}
		}
	}

	public static void assertNothingMore(RawStompSocket socket) throws InterruptedException {
		assertThat(socket.poll(Duration.ofMillis(300))).isNull();
	}

	public static void assertNoMessagePush(RawStompSocket socket, Duration wait) throws InterruptedException {
		Frame frame = socket.poll(wait);
		while (frame != null) {
			JsonNode push = JSON.readTree(frame.body());
			assertThat(push.get("type").asString()).as(frame.toString()).isNotEqualTo("MESSAGE");
			frame = socket.poll(Duration.ofMillis(100));
		}
	}

}
