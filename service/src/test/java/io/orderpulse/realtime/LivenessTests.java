package io.orderpulse.realtime;

import java.time.Duration;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import io.orderpulse.IntegrationTest;
import io.orderpulse.TestApi;
import io.orderpulse.identity.Role;
import io.orderpulse.identity.UserSummary;
import io.orderpulse.realtime.RawStompSocket.Frame;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static io.orderpulse.realtime.GatewayTests.awaitReceipt;
import static io.orderpulse.realtime.GatewayTests.subscribe;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Heart-beats, presence and slow consumers (the test profile's heart-beat is 1 s).
 */
@IntegrationTest
class LivenessTests {

	@Autowired
	TestApi api;

	@Autowired
	UserEvents events;

	@Autowired
	MeterRegistry meters;

	RawStompSocket connected(UserSummary user, String heartBeat) throws Exception {
		RawStompSocket socket = RawStompSocket.open(this.api.ws()).connect(this.api.tokenFor(user), heartBeat);
		assertThat(socket.next().command()).isEqualTo("CONNECTED");
		return socket;
	}

	@Test
	void sendsHeartBeatsWhenTheClientAsksForThem() throws Exception {
		try (RawStompSocket socket = connected(this.api.createUser("Demo Org", "beat", Role.BUYER), "0,1000")) {
			await().atMost(Duration.ofSeconds(5)).until(() -> socket.heartbeatsReceived() >= 2);
		}
	}

	@Test
	void aSilentClientIsDisconnectedAndGoesOffline() throws Exception {
		UserSummary admin = this.api.createUser("Demo Org", "watcher", Role.ADMIN);
		UserSummary user = this.api.createUser("Demo Org", "silent", Role.BUYER);
		String adminToken = this.api.tokenFor(admin);
		try (RawStompSocket monitor = connected(admin, "0,0")) {
			subscribe(monitor, "p", Destinations.PRESENCE);
			awaitReceipt(monitor, "p");

			// the client promises a heart-beat every second, then sends nothing
			RawStompSocket silent = connected(user, "1000,0");
			assertThat(presence(user, adminToken)).isTrue();
			assertThat(this.api.get("/api/v1/presence", adminToken).body()).contains("\"userId\":" + user.id());
			assertThat(nextPresence(monitor, user)).contains("\"status\":\"ONLINE\"");

			long start = System.nanoTime();
			silent.awaitClose();
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(3500));
			assertThat(nextPresence(monitor, user)).contains("\"status\":\"OFFLINE\"");
			assertThat(presence(user, adminToken)).isFalse();
		}
	}

	@Test
	void presenceIsScopedToTheOrganization() {
		UserSummary other = this.api.createUser("Other Org", "elsewhere", Role.ADMIN);

		assertThat(this.api.get("/api/v1/presence/" + this.api.user("alice").id(), this.api.tokenFor(other)).status())
			.isEqualTo(404);
		assertThat(this.api.get("/api/v1/presence", this.api.tokenFor("alice")).status()).isEqualTo(403);
	}

	@Test
	void aSlowConsumerIsDisconnectedWithoutDelayingOthers() throws Exception {
		UserSummary slowUser = this.api.createUser("Demo Org", "slow", Role.BUYER);
		UserSummary fastUser = this.api.createUser("Demo Org", "fast", Role.BUYER);
		double before = this.meters.counter("orderpulse.realtime.slow-consumer.disconnects").count();
		String big = "x".repeat(12 * 1024);
		try (RawStompSocket slow = connected(slowUser, "0,0"); RawStompSocket fast = connected(fastUser, "0,0")) {
			subscribe(slow, "m", Destinations.MESSAGES);
			awaitReceipt(slow, "m");
			subscribe(fast, "m", Destinations.MESSAGES);
			awaitReceipt(fast, "m");
			slow.stopReading();

			// about 24 MB for a client that reads nothing: more than the socket buffers
			// and the outbox hold
			int published = 0;
			while (!slow.isClosed() && published < 2_000) {
				this.events.publish(slowUser.id(), Destinations.MESSAGES, Map.of("blob", big));
				published++;
			}
			long start = System.nanoTime();
			UserEvent ping = this.events.publish(fastUser.id(), Destinations.MESSAGES, Map.of("ping", true));
			Frame received = fast.next();

			assertThat(received.header("x-event-id")).isEqualTo(ping.eventId().toString());
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
			await().atMost(Duration.ofSeconds(10))
				.until(() -> this.meters.counter("orderpulse.realtime.slow-consumer.disconnects").count() > before);
			assertThat(this.api.get("/api/v1/presence/" + slowUser.id(), this.api.tokenFor("admin"))
				.json()
				.get("online")
				.asBoolean()).isFalse();
		}
	}

	private boolean presence(UserSummary user, String token) {
		TestApi.Response response = this.api.get("/api/v1/presence/" + user.id(), token);
		assertThat(response.status()).isEqualTo(200);
		return response.json().get("online").asBoolean();
	}

	private static String nextPresence(RawStompSocket monitor, UserSummary user) throws InterruptedException {
		while (true) {
			Frame frame = monitor.next();
			if (frame.body().contains("\"userId\":" + user.id() + ",")) {
				return frame.body();
			}
		}
	}

	@Test
	void exposesGatewayMetrics() throws Exception {
		UserSummary user = this.api.createUser("Demo Org", "measured", Role.BUYER);
		try (RawStompSocket socket = connected(user, "0,0")) {
			subscribe(socket, "m", Destinations.MESSAGES);
			awaitReceipt(socket, "m");
			this.events.publish(user.id(), Destinations.MESSAGES, Map.of("n", 1));
			socket.next();

			String metrics = this.api.get("/actuator/prometheus", null).body();

			assertThat(metrics).contains("orderpulse_realtime_sessions ", "orderpulse_realtime_events_published_total",
					"orderpulse_realtime_events_delivered_total", "orderpulse_realtime_publish_to_write_seconds_bucket",
					"orderpulse_realtime_slow_consumer_disconnects_total");
			assertThat(this.meters.get("orderpulse.realtime.sessions").gauge().value()).isGreaterThanOrEqualTo(1);
		}
	}

}
