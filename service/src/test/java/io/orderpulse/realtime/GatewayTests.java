package io.orderpulse.realtime;

import java.time.Duration;
import java.util.Map;

import io.orderpulse.IntegrationTest;
import io.orderpulse.TestApi;
import io.orderpulse.identity.Role;
import io.orderpulse.identity.UserSummary;
import io.orderpulse.realtime.RawStompSocket.Frame;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The STOMP protocol at the byte level: authentication, authorization, isolation and
 * refusals.
 */
@IntegrationTest
public class GatewayTests {

	@Autowired
	TestApi api;

	@Autowired
	UserEvents events;

	RawStompSocket connected(UserSummary user) throws Exception {
		RawStompSocket socket = RawStompSocket.open(this.api.ws()).connect(this.api.tokenFor(user), "0,0");
		Frame connected = socket.next();
		assertThat(connected.command()).as(connected.toString()).isEqualTo("CONNECTED");
		return socket;
	}

	public static void subscribe(RawStompSocket socket, String id, String destination, String... extra) {
		Map<String, String> headers = new java.util.LinkedHashMap<>();
		headers.put("id", id);
		headers.put("destination", destination);
		for (int i = 0; i < extra.length; i += 2) {
			headers.put(extra[i], extra[i + 1]);
		}
		headers.put("receipt", "r-" + id);
		socket.sendFrame("SUBSCRIBE", headers, "");
	}

	public static void awaitReceipt(RawStompSocket socket, String id) throws InterruptedException {
		Frame receipt = socket.next();
		assertThat(receipt.command()).as(receipt.toString()).isEqualTo("RECEIPT");
		assertThat(receipt.header("receipt-id")).isEqualTo("r-" + id);
	}

	@Test
	void connectsWithAnAccessTokenAsTheNumericUserId() throws Exception {
		UserSummary alice = this.api.user("alice");
		try (RawStompSocket socket = RawStompSocket.open(this.api.ws())) {
			socket.connect(this.api.tokenFor(alice), "0,0");

			Frame connected = socket.next();

			assertThat(connected.command()).isEqualTo("CONNECTED");
			assertThat(connected.header("version")).isEqualTo("1.2");
			assertThat(connected.header("user-name")).isEqualTo(Long.toString(alice.id()));
			assertThat(connected.header("heart-beat")).isEqualTo("1000,1000");
		}
	}

	@Test
	void acceptsFramesInBinaryMessages() throws Exception {
		try (RawStompSocket socket = RawStompSocket.open(this.api.ws())) {
			socket.sendBinary("CONNECT\naccept-version:1.2\nheart-beat:0,0\nAuthorization:Bearer "
					+ this.api.tokenFor("bob") + "\n\n\u0000");

			assertThat(socket.next().command()).isEqualTo("CONNECTED");
		}
	}

	@Test
	void deliversAUsersEventsToThatUserOnly() throws Exception {
		UserSummary three = this.api.createUser("Demo Org", "three", Role.BUYER);
		UserSummary five = this.api.createUser("Demo Org", "five", Role.BUYER);
		try (RawStompSocket threeSocket = connected(three); RawStompSocket fiveSocket = connected(five)) {
			subscribe(threeSocket, "s1", Destinations.MESSAGES);
			awaitReceipt(threeSocket, "s1");
			subscribe(fiveSocket, "s1", Destinations.MESSAGES);
			awaitReceipt(fiveSocket, "s1");

			UserEvent event = this.events.publish(five.id(), Destinations.MESSAGES, Map.of("text", "for five"));

			Frame message = fiveSocket.next();
			assertThat(message.command()).isEqualTo("MESSAGE");
			assertThat(message.header("destination")).isEqualTo(Destinations.MESSAGES);
			assertThat(message.header("subscription")).isEqualTo("s1");
			assertThat(message.header("x-seq")).isEqualTo(Long.toString(event.seq()));
			assertThat(message.header("x-event-id")).isEqualTo(event.eventId().toString());
			assertThat(message.body()).isEqualTo("{\"text\":\"for five\"}");
			assertThat(threeSocket.poll(Duration.ofMillis(500))).isNull();
		}
	}

	@Test
	void refusesConnectWithoutAValidToken() throws Exception {
		assertRefusedConnect(null, "Authentication required");
		assertRefusedConnect("not-a-jwt", "Invalid access token");
		assertRefusedConnect(this.api.forgedToken("alice"), "Invalid access token");
		assertRefusedConnect(this.api.expiredToken("alice"), "Access token expired");
	}

	private void assertRefusedConnect(String token, String message) throws Exception {
		try (RawStompSocket socket = RawStompSocket.open(this.api.ws())) {
			socket.connect(token, "0,0");

			Frame error = socket.next();

			assertThat(error.command()).isEqualTo("ERROR");
			assertThat(error.header("message")).isEqualTo(message);
			assertThat(socket.awaitClose()).isGreaterThan(1000);
		}
	}

	@Test
	void closesASocketThatSendsNoConnect() throws Exception {
		try (RawStompSocket socket = RawStompSocket.open(this.api.ws())) {
			long start = System.nanoTime();

			socket.awaitClose();

			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
		}
	}

	@Test
	void refusesFramesBeforeConnect() throws Exception {
		try (RawStompSocket socket = RawStompSocket.open(this.api.ws())) {
			subscribe(socket, "s1", Destinations.MESSAGES);

			Frame error = socket.next();

			assertThat(error.command()).isEqualTo("ERROR");
			assertThat(error.header("message")).isEqualTo("Not connected");
			socket.awaitClose();
		}
	}

	@Test
	void everySessionOfAUserReceivesItsEvents() throws Exception {
		UserSummary user = this.api.createUser("Demo Org", "tabs", Role.BUYER);
		try (RawStompSocket tab1 = connected(user); RawStompSocket tab2 = connected(user)) {
			subscribe(tab1, "a", Destinations.ORDER_UPDATES);
			awaitReceipt(tab1, "a");
			subscribe(tab2, "b", Destinations.ORDER_UPDATES);
			awaitReceipt(tab2, "b");

			UserEvent event = this.events.publish(user.id(), Destinations.ORDER_UPDATES, Map.of("status", "PAID"));

			assertThat(tab1.next().header("x-event-id")).isEqualTo(event.eventId().toString());
			assertThat(tab2.next().header("x-event-id")).isEqualTo(event.eventId().toString());
		}
	}

	@Test
	void onlyTheSubscribedQueueReceivesAnEvent() throws Exception {
		UserSummary user = this.api.createUser("Demo Org", "queues", Role.BUYER);
		try (RawStompSocket socket = connected(user)) {
			subscribe(socket, "orders", Destinations.ORDER_UPDATES);
			awaitReceipt(socket, "orders");

			this.events.publish(user.id(), Destinations.MESSAGES, Map.of("not", "subscribed"));
			UserEvent order = this.events.publish(user.id(), Destinations.ORDER_UPDATES, Map.of("status", "PAID"));

			Frame frame = socket.next();
			assertThat(frame.header("x-event-id")).isEqualTo(order.eventId().toString());
			assertThat(socket.poll(Duration.ofMillis(300))).isNull();
		}
	}

	@Test
	void announcementsNeverCrossOrganizations() throws Exception {
		UserSummary demo = this.api.createUser("Demo Org", "demo-listener", Role.BUYER);
		UserSummary other = this.api.createUser("Other Org", "other-listener", Role.BUYER);
		try (RawStompSocket demoSocket = connected(demo); RawStompSocket otherSocket = connected(other)) {
			subscribe(demoSocket, "a", Destinations.ANNOUNCEMENTS);
			awaitReceipt(demoSocket, "a");
			subscribe(otherSocket, "a", Destinations.ANNOUNCEMENTS);
			awaitReceipt(otherSocket, "a");

			this.events.broadcast(demo.orgId(), Destinations.ANNOUNCEMENTS, Map.of("text", "Demo Org only"));

			Frame announcement = demoSocket.next();
			assertThat(announcement.command()).isEqualTo("MESSAGE");
			assertThat(announcement.header("destination")).isEqualTo(Destinations.ANNOUNCEMENTS);
			assertThat(announcement.header("x-event-id")).isNotBlank();
			assertThat(announcement.body()).contains("Demo Org only");
			assertThat(otherSocket.poll(Duration.ofMillis(500))).isNull();
		}
	}

	@Test
	void anUnsubscribedTopicReceivesNothingMore() throws Exception {
		UserSummary user = this.api.createUser("Demo Org", "quitter", Role.BUYER);
		try (RawStompSocket socket = connected(user)) {
			subscribe(socket, "a", Destinations.ANNOUNCEMENTS);
			awaitReceipt(socket, "a");
			socket.sendFrame("UNSUBSCRIBE", Map.of("id", "a", "receipt", "r-gone"), "");
			assertThat(socket.next().header("receipt-id")).isEqualTo("r-gone");

			this.events.broadcast(user.orgId(), Destinations.ANNOUNCEMENTS, Map.of("text", "anyone?"));

			assertThat(socket.poll(Duration.ofMillis(500))).isNull();
		}
	}

	@Test
	void adminTopicsAreForAdminsOnly() throws Exception {
		try (RawStompSocket buyer = connected(this.api.user("alice"))) {
			subscribe(buyer, "o", Destinations.ADMIN_ORDER_UPDATES);

			Frame error = buyer.next();

			assertThat(error.command()).isEqualTo("ERROR");
			assertThat(error.header("message")).isEqualTo("Forbidden");
			buyer.awaitClose();
		}
		UserSummary admin = this.api.createUser("Demo Org", "monitor", Role.ADMIN);
		try (RawStompSocket socket = connected(admin)) {
			subscribe(socket, "o", Destinations.ADMIN_ORDER_UPDATES);
			awaitReceipt(socket, "o");

			this.events.broadcast(admin.orgId(), Destinations.ADMIN_ORDER_UPDATES, Map.of("orderId", 7));

			assertThat(socket.next().body()).isEqualTo("{\"orderId\":7}");
		}
	}

	@Test
	void refusesUnknownDestinationsAndAnotherUsersQueue() throws Exception {
		for (String destination : new String[] { "/topic/secret", "/user/5/queue/messages", "/queue/messages",
				"/user/queue/../x" }) {
			try (RawStompSocket socket = connected(this.api.user("bob"))) {
				subscribe(socket, "x", destination);

				Frame error = socket.next();

				assertThat(error.command()).as(destination).isEqualTo("ERROR");
				assertThat(error.header("message")).isEqualTo("Unknown destination");
				socket.awaitClose();
			}
		}
	}

	@Test
	void sendsOnlyToExistingAppHandlers() throws Exception {
		UserSummary user = this.api.createUser("Demo Org", "sender", Role.BUYER);
		try (RawStompSocket socket = connected(user)) {
			subscribe(socket, "e", "/user/queue/echo");
			awaitReceipt(socket, "e");

			socket.sendFrame("SEND", Map.of("destination", "/app/echo"), "hello");
			assertThat(socket.next().body()).isEqualTo("{\"echo\":\"hello\"}");

			socket.sendFrame("SEND", Map.of("destination", "/app/nothing-here"), "hello");
			Frame error = socket.next();
			assertThat(error.command()).isEqualTo("ERROR");
			assertThat(error.header("message")).isEqualTo("Unknown destination");
			socket.awaitClose();
		}
		try (RawStompSocket socket = connected(user)) {
			socket.sendFrame("SEND", Map.of("destination", "/topic/announcements"), "spoof");
			assertThat(socket.next().header("message")).isEqualTo("Unknown destination");
		}
	}

	@Test
	void aRefusedCommandGetsAnErrorWithItsReason() throws Exception {
		try (RawStompSocket socket = connected(this.api.user("bob"))) {
			socket.sendFrame("SEND", Map.of("destination", "/app/echo"), "please refuse");

			Frame error = socket.next();

			assertThat(error.header("message")).isEqualTo("Command refused");
			assertThat(error.body()).contains("echo refused");
		}
	}

	@Test
	void malformedFramesGetAnErrorAndTheServerStaysHealthy() throws Exception {
		String[] garbage = { "\u0001\u0002 not stomp at all \u0000", "FLY\n\n\u0000", "SUBSCRIBE\nid\n\n\u0000",
				"SEND\ndestination:/app/echo\ncontent-length:99999\n\nshort\u0000" };
		for (String frame : garbage) {
			try (RawStompSocket socket = connected(this.api.user("bob"))) {
				socket.send(frame);

				Frame error = socket.next();

				assertThat(error.command()).as(frame).isEqualTo("ERROR");
				assertThat(socket.awaitClose()).isGreaterThan(1000);
			}
		}
		assertThat(this.api.get("/actuator/health", null).json().get("status").asString()).isEqualTo("UP");
	}

	@Test
	void refusesAnOversizedFrame() throws Exception {
		try (RawStompSocket socket = connected(this.api.user("bob"))) {
			socket.sendFrame("SEND", Map.of("destination", "/app/echo"), "x".repeat(20 * 1024));

			Frame error = socket.next();

			assertThat(error.header("message")).isEqualTo("Frame too large");
			socket.awaitClose();
		}
	}

	@Test
	void limitsSubscriptionsPerSession() throws Exception {
		try (RawStompSocket socket = connected(this.api.createUser("Demo Org", "subs", Role.BUYER))) {
			for (int i = 0; i < 5; i++) {
				subscribe(socket, "s" + i, "/user/queue/q" + i);
				awaitReceipt(socket, "s" + i);
			}
			subscribe(socket, "s5", "/user/queue/q5");

			assertThat(socket.next().header("message")).isEqualTo("Too many subscriptions");
			socket.awaitClose();
		}
	}

	@Test
	void limitsSessionsPerUser() throws Exception {
		UserSummary user = this.api.createUser("Demo Org", "many-tabs", Role.BUYER);
		try (RawStompSocket one = connected(user);
				RawStompSocket two = connected(user);
				RawStompSocket three = connected(user);
				RawStompSocket four = RawStompSocket.open(this.api.ws())) {
			four.connect(this.api.tokenFor(user), "0,0");

			assertThat(four.next().header("message")).isEqualTo("Too many sessions");
			four.awaitClose();
		}
	}

	@Test
	void limitsInboundFramesPerSecond() throws Exception {
		try (RawStompSocket socket = connected(this.api.createUser("Demo Org", "chatty", Role.BUYER))) {
			StringBuilder burst = new StringBuilder();
			for (int i = 0; i < 30; i++) {
				burst.append("UNSUBSCRIBE\nid:none-").append(i).append("\n\n\u0000");
			}
			socket.send(burst.toString());

			assertThat(socket.next().header("message")).isEqualTo("Too many frames");
			socket.awaitClose();
		}
	}

}
