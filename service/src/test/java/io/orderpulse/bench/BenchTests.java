package io.orderpulse.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.orderpulse.IntegrationTest;
import io.orderpulse.TestApi;
import io.orderpulse.TestApi.Response;
import io.orderpulse.realtime.RawStompSocket;
import io.orderpulse.realtime.RawStompSocket.Frame;
import io.orderpulse.identity.Role;
import io.orderpulse.realtime.Destinations;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The benchmark trigger: users with ready tokens, paced per-user events through the real
 * publish path, announcements, and refusals.
 */
@IntegrationTest
class BenchTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Autowired
	TestApi api;

	String admin() {
		return this.api.tokenFor("admin");
	}

	static String prefix() {
		return "b" + Long.toString(System.nanoTime(), 36);
	}

	List<JsonNode> createUsers(int count) {
		Response created = this.api.post("/api/v1/bench/users",
				"{\"count\":" + count + ",\"prefix\":\"" + prefix() + "\"}", admin());
		assertThat(created.status()).as(created.toString()).isEqualTo(200);
		return created.json().get("users").valueStream().toList();
	}

	@Test
	void createsUsersWithWorkingTokens() {
		String prefix = prefix();

		Response created = this.api.post("/api/v1/bench/users", "{\"count\":500,\"prefix\":\"" + prefix + "\"}",
				admin());

		assertThat(created.status()).as(created.toString()).isEqualTo(200);
		List<JsonNode> users = created.json().get("users").valueStream().toList();
		assertThat(users).hasSize(500);
		assertThat(users.stream().map((user) -> user.get("id").asLong()).distinct()).hasSize(500);
		assertThat(users.get(0).get("username").asString()).isEqualTo(prefix + "-1");
		assertThat(users.get(499).get("username").asString()).isEqualTo(prefix + "-500");
		JsonNode user = users.get(250);
		Response me = this.api.get("/api/v1/users/me", user.get("token").asString());
		assertThat(me.status()).as(me.toString()).isEqualTo(200);
		assertThat(me.json().get("id").asLong()).isEqualTo(user.get("id").asLong());
		assertThat(me.json().get("username").asString()).isEqualTo(user.get("username").asString());
		assertThat(me.json().get("roles").valueStream().map(JsonNode::asString)).containsExactly("BUYER");
		assertThat(me.json().get("orgId").asLong()).isEqualTo(this.api.user("admin").orgId());
	}

	@Test
	void benchUsersCannotLogInWithAPassword() {
		JsonNode user = createUsers(1).get(0);

		Response login = this.api.post("/api/v1/auth/login",
				"{\"username\":\"" + user.get("username").asString() + "\",\"password\":\"password\"}", null);

		assertThat(login.status()).isEqualTo(401);
	}

	@Test
	void refusesAPrefixAlreadyUsed() {
		String body = "{\"count\":2,\"prefix\":\"" + prefix() + "\"}";
		assertThat(this.api.post("/api/v1/bench/users", body, admin()).status()).isEqualTo(200);

		Response again = this.api.post("/api/v1/bench/users", body, admin());

		assertThat(again.status()).isEqualTo(409);
	}

	@Test
	void onlyAdminsMayBenchmark() {
		String buyer = this.api.tokenFor("alice");

		assertThat(this.api.post("/api/v1/bench/users", "{\"count\":1,\"prefix\":\"x\"}", buyer).status())
			.isEqualTo(403);
		assertThat(this.api
			.post("/api/v1/bench/publish", "{\"fromUserId\":1,\"toUserId\":2,\"perUser\":1,\"ratePerSecond\":1}", buyer)
			.status()).isEqualTo(403);
		assertThat(this.api.post("/api/v1/bench/broadcast", "{\"count\":1,\"ratePerSecond\":1}", buyer).status())
			.isEqualTo(403);
		assertThat(this.api.post("/api/v1/bench/broadcast", "{\"count\":1,\"ratePerSecond\":1}", null).status())
			.isEqualTo(401);
	}

	@Test
	void publishDeliversPacedEventsToConnectedClients() throws Exception {
		List<JsonNode> users = createUsers(2);
		try (RawStompSocket first = RawStompSocket.subscribed(this.api.ws(), users.get(0).get("token").asString(),
				Destinations.MESSAGES);
				RawStompSocket second = RawStompSocket.subscribed(this.api.ws(), users.get(1).get("token").asString(),
						Destinations.MESSAGES)) {
			long before = System.currentTimeMillis();

			Response started = this.api.post("/api/v1/bench/publish", "{\"userIds\":[" + users.get(0).get("id") + ","
					+ users.get(1).get("id") + "],\"perUser\":3,\"ratePerSecond\":100}", admin());

			assertThat(started.status()).as(started.toString()).isEqualTo(202);
			String runId = started.json().get("runId").asString();
			assertThat(started.json().get("events").asLong()).isEqualTo(6);
			Set<String> benchIds = new HashSet<>();
			for (RawStompSocket client : List.of(first, second)) {
				List<Long> seqs = new ArrayList<>();
				for (int i = 0; i < 3; i++) {
					Frame message = client.next();
					assertThat(message.command()).as(message.toString()).isEqualTo("MESSAGE");
					assertThat(message.header("x-event-id")).isNotBlank();
					seqs.add(Long.parseLong(message.header("x-seq")));
					JsonNode payload = JSON.readTree(message.body());
					benchIds.add(payload.get("benchId").asString());
					assertThat(payload.get("dueAt").asLong()).isBetween(before, System.currentTimeMillis());
					assertThat(payload.get("sentAt").asLong()).isGreaterThanOrEqualTo(payload.get("dueAt").asLong() - 1)
						.isLessThanOrEqualTo(System.currentTimeMillis());
				}
				assertThat(seqs).containsExactly(1L, 2L, 3L);
				assertThat(client.poll(Duration.ofMillis(200))).isNull();
			}
			assertThat(benchIds).containsExactlyInAnyOrder(runId + "-0", runId + "-1", runId + "-2", runId + "-3",
					runId + "-4", runId + "-5");
		}
	}

	@Test
	void publishesToARangeOfUserIdsOnTheGivenQueue() throws Exception {
		List<JsonNode> users = createUsers(3);
		try (RawStompSocket last = RawStompSocket.subscribed(this.api.ws(), users.get(2).get("token").asString(),
				Destinations.ORDER_UPDATES)) {
			Response started = this.api.post("/api/v1/bench/publish",
					"{\"fromUserId\":" + users.get(0).get("id") + ",\"toUserId\":" + users.get(2).get("id")
							+ ",\"perUser\":2,\"ratePerSecond\":1000,\"destination\":\"/user/queue/order-updates\"}",
					admin());

			assertThat(started.status()).as(started.toString()).isEqualTo(202);
			assertThat(started.json().get("events").asLong()).isEqualTo(6);
			Frame message = last.next();
			assertThat(message.header("destination")).isEqualTo(Destinations.ORDER_UPDATES);
			assertThat(last.next().command()).isEqualTo("MESSAGE");
		}
	}

	@Test
	void broadcastsAnnouncementsToTheOrganization() throws Exception {
		List<JsonNode> users = createUsers(1);
		try (RawStompSocket client = RawStompSocket.subscribed(this.api.ws(), users.get(0).get("token").asString(),
				Destinations.ANNOUNCEMENTS)) {
			Response started = this.api.post("/api/v1/bench/broadcast", "{\"count\":2,\"ratePerSecond\":50}", admin());

			assertThat(started.status()).as(started.toString()).isEqualTo(202);
			String runId = started.json().get("runId").asString();
			Set<String> benchIds = new HashSet<>();
			for (int i = 0; i < 2; i++) {
				Frame message = client.next();
				assertThat(message.command()).isEqualTo("MESSAGE");
				JsonNode payload = JSON.readTree(message.body());
				assertThat(payload.has("dueAt")).isTrue();
				assertThat(payload.has("sentAt")).isTrue();
				benchIds.add(payload.get("benchId").asString());
			}
			assertThat(benchIds).containsExactlyInAnyOrder(runId + "-0", runId + "-1");
			Response run = this.api.get("/api/v1/bench/runs/" + runId, admin());
			assertThat(run.json().get("sent").asLong()).isEqualTo(2);
		}
	}

	@Test
	void rejectsInvalidRequestsNamingTheFields() {
		assertThat(fields(this.api.post("/api/v1/bench/users", "{\"count\":0,\"prefix\":\"no spaces\"}", admin())))
			.containsExactlyInAnyOrder("count", "prefix");
		assertThat(fields(this.api.post("/api/v1/bench/users", "{\"count\":20001,\"prefix\":\"ok\"}", admin())))
			.containsExactly("count");
		assertThat(fields(this.api.post("/api/v1/bench/publish", "{\"userIds\":[1]}", admin())))
			.containsExactlyInAnyOrder("perUser", "ratePerSecond");
		assertThat(fields(this.api.post("/api/v1/bench/publish", "{\"perUser\":1,\"ratePerSecond\":1}", admin())))
			.containsExactly("userIds");
		assertThat(fields(this.api.post("/api/v1/bench/publish",
				"{\"userIds\":[1],\"fromUserId\":1,\"toUserId\":2,\"perUser\":1,\"ratePerSecond\":1}", admin())))
			.containsExactly("userIds");
		assertThat(fields(this.api.post("/api/v1/bench/publish",
				"{\"fromUserId\":5,\"toUserId\":2,\"perUser\":1,\"ratePerSecond\":1}", admin())))
			.containsExactly("toUserId");
		long alice = this.api.user("alice").id();
		assertThat(fields(this.api.post("/api/v1/bench/publish",
				"{\"userIds\":[" + alice
						+ "],\"perUser\":1,\"ratePerSecond\":1,\"destination\":\"/topic/announcements\"}",
				admin())))
			.containsExactly("destination");
		assertThat(fields(this.api.post("/api/v1/bench/broadcast", "{\"count\":-1}", admin())))
			.containsExactlyInAnyOrder("count", "ratePerSecond");
	}

	@Test
	void refusesUsersOfAnotherOrganization() {
		long stranger = this.api.createUser("Bench Other Org", "stranger", Role.BUYER).id();

		Response refused = this.api.post("/api/v1/bench/publish",
				"{\"userIds\":[" + stranger + "],\"perUser\":1,\"ratePerSecond\":1}", admin());

		assertThat(refused.status()).isEqualTo(400);
		assertThat(fields(refused)).containsExactly("userIds");
	}

	static List<String> fields(Response problem) {
		assertThat(problem.status()).as(problem.toString()).isEqualTo(400);
		return problem.json().get("errors").valueStream().map((error) -> error.get("field").asString()).toList();
	}

}
