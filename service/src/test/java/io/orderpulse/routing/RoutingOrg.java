package io.orderpulse.routing;

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
import static org.awaitility.Awaitility.await;

/**
 * A fresh organization with its own admin for routing tests, and helpers over HTTP.
 */
final class RoutingOrg {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	final TestApi api;

	final String name;

	final UserSummary admin;

	final String adminToken;

	RoutingOrg(TestApi api, String name) {
		this.api = api;
		this.name = name + " " + Long.toString(System.nanoTime(), 36);
		this.admin = api.createUser(this.name, "admin", Role.ADMIN);
		this.adminToken = api.tokenFor(this.admin);
	}

	UserSummary user(String prefix) {
		return this.api.createUser(this.name, prefix, Role.BUYER);
	}

	UserSummary user(String prefix, Role role) {
		return this.api.createUser(this.name, prefix, role);
	}

	String token(UserSummary user) {
		return this.api.tokenFor(user);
	}

	Response createRule(String json) {
		return this.api.post("/api/v1/message-routes", json, this.adminToken);
	}

	long rule(String json) {
		Response created = createRule(json);
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		return created.json().get("id").asLong();
	}

	/**
	 * Sends a direct message and returns its id.
	 */
	long send(UserSummary user, String title, String priority, String category) {
		Response sent = this.api.post("/api/v1/messages/send", """
				{"receiverId": %d, "messageType": "SYSTEM", "title": "%s", "content": "Content of %s",
				 "priority": "%s", "category": "%s"}
				""".formatted(user.id(), title, title, priority, category), this.adminToken);
		assertThat(sent.status()).as(sent.toString()).isEqualTo(200);
		return sent.json().get("messageId").asLong();
	}

	/**
	 * The message's delivery records once it has {@code count} of them.
	 */
	List<JsonNode> deliveries(long messageId, int count) {
		return await().atMost(Duration.ofSeconds(10))
			.until(() -> deliveries(messageId), (list) -> list.size() == count);
	}

	List<JsonNode> deliveries(long messageId) {
		Response response = this.api.get("/api/v1/messages/" + messageId + "/deliveries", this.adminToken);
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		return response.json().valueStream().toList();
	}

	/**
	 * The message's record of the channel once its status is the given one.
	 */
	JsonNode awaitStatus(long messageId, String channel, String status) {
		return await().atMost(Duration.ofSeconds(10))
			.until(() -> deliveries(messageId).stream()
				.filter((record) -> record.get("channel").asString().equals(channel))
				.findFirst()
				.orElse(null), (record) -> record != null && record.get("status").asString().equals(status));
	}

	/**
	 * A socket of the user subscribed to their messages, once presence counts them online
	 * (pushes to a whole organization go to the users presence knows; in cluster mode a
	 * node writes presence to Redis a moment after the session opens).
	 */
	RawStompSocket socket(UserSummary user) throws Exception {
		RawStompSocket socket = RawStompSocket.subscribed(this.api.ws(), this.api.tokenFor(user),
				Destinations.MESSAGES);
		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.api.get("/api/v1/presence", this.adminToken)
				.body()
				.contains("\"userId\":" + user.id() + ","));
		return socket;
	}

	/**
	 * The next MESSAGE push's message id, skipping unread counts.
	 */
	static long nextMessage(RawStompSocket socket) throws InterruptedException {
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

	static void assertNoMessagePush(RawStompSocket socket, Duration wait) throws InterruptedException {
		Frame frame = socket.poll(wait);
		while (frame != null) {
			JsonNode push = JSON.readTree(frame.body());
			assertThat(push.get("type").asString()).as(frame.toString()).isNotEqualTo("MESSAGE");
			frame = socket.poll(Duration.ofMillis(100));
		}
	}

}
