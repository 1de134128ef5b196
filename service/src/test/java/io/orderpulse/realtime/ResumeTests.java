package io.orderpulse.realtime;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import io.orderpulse.IntegrationTest;
import io.orderpulse.TestApi;
import io.orderpulse.identity.Role;
import io.orderpulse.identity.UserSummary;
import io.orderpulse.realtime.RawStompSocket.Frame;
import io.orderpulse.realtime.internal.EventStore;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static io.orderpulse.realtime.GatewayTests.awaitReceipt;
import static io.orderpulse.realtime.GatewayTests.subscribe;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Nothing is lost across reconnects: resume replays what was missed, then switches to
 * live events without a gap or a duplicate; acknowledgements decide what is delivered
 * again.
 */
@IntegrationTest
class ResumeTests {

	@Autowired
	TestApi api;

	@Autowired
	UserEvents events;

	@Autowired
	EventStore store;

	RawStompSocket connected(UserSummary user) throws Exception {
		RawStompSocket socket = RawStompSocket.open(this.api.ws()).connect(this.api.tokenFor(user), "0,0");
		assertThat(socket.next().command()).isEqualTo("CONNECTED");
		return socket;
	}

	@Test
	void resumeReplaysMissedEventsInOrderThenLiveOnes() throws Exception {
		UserSummary user = this.api.createUser("Demo Org", "resumer", Role.BUYER);
		UserEvent first = this.events.publish(user.id(), Destinations.MESSAGES, Map.of("n", 1));
		this.events.publish(user.id(), Destinations.ORDER_UPDATES, Map.of("other", "queue"));
		UserEvent second = this.events.publish(user.id(), Destinations.MESSAGES, Map.of("n", 2));
		UserEvent third = this.events.publish(user.id(), Destinations.MESSAGES, Map.of("n", 3));

		try (RawStompSocket socket = connected(user)) {
			subscribe(socket, "m", Destinations.MESSAGES, "x-resume-after", Long.toString(first.seq()));
			awaitReceipt(socket, "m");

			Frame marker = socket.next();
			assertThat(marker.header("x-recovered")).isEqualTo("true");
			assertThat(marker.header("x-seq")).isNull();
			assertThat(socket.next().header("x-seq")).isEqualTo(Long.toString(second.seq()));
			assertThat(socket.next().header("x-seq")).isEqualTo(Long.toString(third.seq()));

			UserEvent live = this.events.publish(user.id(), Destinations.MESSAGES, Map.of("n", 4));
			assertThat(socket.next().header("x-seq")).isEqualTo(Long.toString(live.seq()));
			assertThat(socket.poll(Duration.ofMillis(300))).isNull();
		}
	}

	@Test
	void eventsPublishedDuringTheReplayArriveOnceAndInOrder() throws Exception {
		UserSummary user = this.api.createUser("Demo Org", "busy", Role.BUYER);
		for (int i = 0; i < 600; i++) {
			this.events.publish(user.id(), Destinations.MESSAGES, Map.of("n", i));
		}
		try (RawStompSocket socket = connected(user)) {
			CompletableFuture<Void> publisher = CompletableFuture.runAsync(() -> {
				for (int i = 600; i < 800; i++) {
					this.events.publish(user.id(), Destinations.MESSAGES, Map.of("n", i));
				}
			});
			subscribe(socket, "m", Destinations.MESSAGES, "x-resume-after", "0");

			List<Long> seqs = new ArrayList<>();
			while (seqs.size() < 800) {
				Frame frame = socket.next();
				if (frame.header("x-seq") != null) {
					seqs.add(Long.parseLong(frame.header("x-seq")));
				}
			}
			publisher.join();

			assertThat(seqs).doesNotHaveDuplicates().isSorted();
			assertThat(seqs.getLast() - seqs.getFirst()).isEqualTo(799);
			assertThat(socket.poll(Duration.ofMillis(300))).isNull();
		}
	}

	@Test
	void concurrentPublishersToOneUserAreDeliveredInSequenceOrder() throws Exception {
		UserSummary user = this.api.createUser("Demo Org", "hot", Role.BUYER);
		try (RawStompSocket socket = connected(user)) {
			subscribe(socket, "m", Destinations.MESSAGES);
			awaitReceipt(socket, "m");

			List<CompletableFuture<Void>> publishers = new ArrayList<>();
			for (int p = 0; p < 8; p++) {
				publishers.add(CompletableFuture.runAsync(() -> {
					for (int i = 0; i < 50; i++) {
						this.events.publish(user.id(), Destinations.MESSAGES, Map.of("n", i));
					}
				}));
			}
			List<Long> seqs = new ArrayList<>();
			while (seqs.size() < 400) {
				seqs.add(Long.parseLong(socket.next().header("x-seq")));
			}
			CompletableFuture.allOf(publishers.toArray(CompletableFuture[]::new)).join();

			assertThat(seqs).doesNotHaveDuplicates().isSorted();
			assertThat(seqs.getLast() - seqs.getFirst()).isEqualTo(399);
		}
	}

	@Test
	void aPositionOlderThanRetentionIsReportedAsNotRecovered() throws Exception {
		UserSummary user = this.api.createUser("Demo Org", "late", Role.BUYER);
		this.events.publish(user.id(), Destinations.MESSAGES, Map.of("n", 1));
		this.events.publish(user.id(), Destinations.MESSAGES, Map.of("n", 2));
		// everything created up to now is past retention
		assertThat(this.store.purgeBefore(Instant.now().plusSeconds(1))).isGreaterThanOrEqualTo(2);
		UserEvent kept = this.events.publish(user.id(), Destinations.MESSAGES, Map.of("n", 3));

		try (RawStompSocket socket = connected(user)) {
			subscribe(socket, "m", Destinations.MESSAGES, "x-resume-after", "1");
			awaitReceipt(socket, "m");

			Frame marker = socket.next();
			assertThat(marker.header("x-recovered")).isEqualTo("false");
			assertThat(marker.body()).contains("\"recovered\":false");
			assertThat(socket.next().header("x-seq")).isEqualTo(Long.toString(kept.seq()));
		}
		try (RawStompSocket socket = connected(user)) {
			subscribe(socket, "m", Destinations.MESSAGES, "x-resume-after", Long.toString(kept.seq()));
			awaitReceipt(socket, "m");

			assertThat(socket.next().header("x-recovered")).isEqualTo("true");
		}
	}

	@Test
	void unacknowledgedEventsAreDeliveredAgainOnResume() throws Exception {
		UserSummary user = this.api.createUser("Demo Org", "acker", Role.BUYER);
		String token = this.api.tokenFor(user);
		UserEvent acked;
		UserEvent unacked;
		try (RawStompSocket socket = connected(user)) {
			subscribe(socket, "m", Destinations.ALERTS, "ack", "client-individual");
			awaitReceipt(socket, "m");
			acked = this.events.publish(user.id(), Destinations.ALERTS, Map.of("type", 1));
			unacked = this.events.publish(user.id(), Destinations.ALERTS, Map.of("type", 2));

			Frame first = socket.next();
			Frame second = socket.next();
			assertThat(first.header("ack")).isEqualTo(acked.eventId().toString());
			assertThat(second.header("ack")).isEqualTo(unacked.eventId().toString());
			socket.sendFrame("ACK", Map.of("id", first.header("ack"), "receipt", "r-ack"), "");
			assertThat(socket.next().header("receipt-id")).isEqualTo("r-ack");
		}

		await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
			assertThat(status(acked, token)).isEqualTo("DELIVERED");
			assertThat(status(unacked, token)).isEqualTo("SENT");
		});

		try (RawStompSocket socket = connected(user)) {
			subscribe(socket, "m", Destinations.ALERTS, "ack", "client-individual", "x-resume-after",
					Long.toString(unacked.seq()));
			awaitReceipt(socket, "m");

			assertThat(socket.next().header("x-recovered")).isEqualTo("true");
			Frame again = socket.next();
			assertThat(again.header("x-event-id")).isEqualTo(unacked.eventId().toString());
			assertThat(socket.poll(Duration.ofMillis(300))).isNull();
		}
	}

	@Test
	void acknowledgementsOfSentEventsDoNotCountAgainstTheFrameRateButMadeUpOnesDo() throws Exception {
		UserSummary user = this.api.createUser("Demo Org", "fast-acker", Role.BUYER);
		try (RawStompSocket socket = connected(user)) {
			subscribe(socket, "m", Destinations.ALERTS, "ack", "client-individual");
			awaitReceipt(socket, "m");
			// twice the test profile's 20 frames per second, acknowledged at once: as a
			// client acknowledging a fast stream or a long replay
			List<String> ids = new ArrayList<>();
			for (int i = 0; i < 40; i++) {
				this.events.publish(user.id(), Destinations.ALERTS, Map.of("n", i));
			}
			for (int i = 0; i < 40; i++) {
				ids.add(socket.next().header("ack"));
			}
			ids.forEach((id) -> socket.sendFrame("ACK", Map.of("id", id), ""));
			socket.sendFrame("ACK", Map.of("id", ids.getLast(), "receipt", "r-acks"), "");
			assertThat(socket.next().header("receipt-id")).isEqualTo("r-acks");

			// acknowledgements of nothing that was sent count like any frame
			for (int i = 0; i < 25; i++) {
				socket.sendFrame("ACK", Map.of("id", UUID.randomUUID().toString()), "");
			}
			Frame error = socket.next();
			assertThat(error.command()).isEqualTo("ERROR");
			assertThat(error.header("message")).isEqualTo("Too many frames");
		}
	}

	@Test
	void autoAcknowledgedEventsAreDeliveredWhenWritten() throws Exception {
		UserSummary user = this.api.createUser("Demo Org", "auto", Role.BUYER);
		UserSummary stranger = this.api.createUser("Other Org", "stranger", Role.ADMIN);
		UserEvent offline = this.events.publish(user.id(), Destinations.MESSAGES, Map.of("n", 1));
		try (RawStompSocket socket = connected(user)) {
			subscribe(socket, "m", Destinations.MESSAGES);
			awaitReceipt(socket, "m");
			UserEvent live = this.events.publish(user.id(), Destinations.MESSAGES, Map.of("n", 2));
			assertThat(socket.next().header("x-event-id")).isEqualTo(live.eventId().toString());

			await().atMost(Duration.ofSeconds(5))
				.untilAsserted(() -> assertThat(status(live, this.api.tokenFor(user))).isEqualTo("DELIVERED"));
		}
		assertThat(status(offline, this.api.tokenFor(user))).isEqualTo("STORED");
		// an admin of the recipient's organization may look; another organization's
		// may not
		assertThat(status(offline, this.api.tokenFor("admin"))).isEqualTo("STORED");
		assertThat(this.api.get("/api/v1/realtime/events/" + offline.eventId(), this.api.tokenFor(stranger)).status())
			.isEqualTo(404);
		assertThat(this.api.get("/api/v1/realtime/events/" + offline.eventId(), this.api.tokenFor("bob")).status())
			.isEqualTo(404);
	}

	private String status(UserEvent event, String token) {
		TestApi.Response response = this.api.get("/api/v1/realtime/events/" + event.eventId(), token);
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		return response.json().get("status").asString();
	}

}
