package io.orderpulse.realtime;

import java.net.URI;
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
class GatewayTests {

	@Autowired
	TestApi api;

	@Autowired
	UserEvents events;

	URI ws() {
		return URI.create(this.api.uri("/ws").toString().replace("http", "ws"));
	}

	RawStompSocket connected(UserSummary user) throws Exception {
		RawStompSocket socket = RawStompSocket.open(ws()).connect(this.api.tokenFor(user), "0,0");
		Frame connected = socket.next();
		assertThat(connected.command()).as(connected.toString()).isEqualTo("CONNECTED");
		return socket;
	}

	static void subscribe(RawStompSocket socket, String id, String destination, String... extra) {
		Map<String, String> headers = new java.util.LinkedHashMap<>();
		headers.put("id", id);
		headers.put("destination", destination);
		for (int i = 0; i < extra.length; i += 2) {
			headers.put(extra[i], extra[i + 1]);
		}
		headers.put("receipt", "r-" + id);
		socket.sendFrame("SUBSCRIBE", headers, "");
	}

	static void awaitReceipt(RawStompSocket socket, String id) throws InterruptedException {
		Frame receipt = socket.next();
		assertThat(receipt.command()).as(receipt.toString()).isEqualTo("RECEIPT");
		assertThat(receipt.header("receipt-id")).isEqualTo("r-" + id);
	}

	@Test
	void connectsWithAnAccessTokenAsTheNumericUserId() throws Exception {
		UserSummary alice = this.api.user("alice");
		try (RawStompSocket socket = RawStompSocket.open(ws())) {
			socket.connect(this.api.tokenFor(alice), "0,0");

			Frame connected = socket.next();

			assertThat(connected.command()).isEqualTo("CONNECTED");
			assertThat(connected.header("version")).isEqualTo("1.2");
			assertThat(connected.header("user-name")).isEqualTo(Long.toString(alice.id()));
			assertThat(connected.header("heart-beat")).isEqualTo("1000,1000");
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

}
