package io.orderpulse.realtime;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import io.orderpulse.IntegrationTest;
import io.orderpulse.TestApi;
import io.orderpulse.identity.Role;
import io.orderpulse.identity.UserSummary;
import io.orderpulse.realtime.RawStompSocket.Frame;
import io.orderpulse.realtime.UserEvents.Publication;
import io.orderpulse.realtime.internal.EventStore;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static io.orderpulse.realtime.GatewayTests.awaitReceipt;
import static io.orderpulse.realtime.GatewayTests.subscribe;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * {@link UserEvents#publishAll} stores and pushes exactly what the same events published
 * one by one would: each user's events numbered on from the user's stream, in the order
 * given, pushed live and replayed on resume; concurrent batches over the same users
 * neither deadlock nor share a number.
 */
@IntegrationTest
class BatchPublishTests {

	@Autowired
	TestApi api;

	@Autowired
	UserEvents events;

	@Autowired
	EventStore store;

	@Test
	void aBatchContinuesEachUsersStreamInTheOrderGivenAndIsPushedLive() throws Exception {
		UserSummary ann = this.api.createUser("Demo Org", "batch-ann", Role.BUYER);
		UserSummary ben = this.api.createUser("Demo Org", "batch-ben", Role.BUYER);
		UserEvent before = this.events.publish(ann.id(), Destinations.MESSAGES, Map.of("n", 0));

		try (RawStompSocket socket = RawStompSocket.open(this.api.ws()).connect(this.api.tokenFor(ann), "0,0")) {
			assertThat(socket.next().command()).isEqualTo("CONNECTED");
			subscribe(socket, "m", Destinations.MESSAGES, "x-resume-after", Long.toString(before.seq()));
			awaitReceipt(socket, "m");
			assertThat(socket.next().header("x-recovered")).isEqualTo("true");

			List<UserEvent> stored = this.events
				.publishAll(List.of(new Publication(ann.id(), Destinations.MESSAGES, Map.of("n", 1)),
						new Publication(ben.id(), Destinations.MESSAGES, Map.of("n", 1)),
						new Publication(ann.id(), Destinations.ORDER_UPDATES, Map.of("n", 2)),
						new Publication(ann.id(), Destinations.MESSAGES, Map.of("n", 3)),
						new Publication(ben.id(), Destinations.MESSAGES, Map.of("n", 2))));

			assertThat(stored).extracting(UserEvent::userId)
				.containsExactly(ann.id(), ben.id(), ann.id(), ann.id(), ben.id());
			assertThat(stored).extracting(UserEvent::seq)
				.containsExactly(before.seq() + 1, 1L, before.seq() + 2, before.seq() + 3, 2L);
			assertThat(stored).extracting(UserEvent::eventId).doesNotHaveDuplicates();
			// time-ordered ids (version 7), increasing in the order stored: each goes at
			// the end of the event_id index
			assertThat(stored).extracting((event) -> event.eventId().version()).containsOnly(7);
			assertThat(stored).extracting((event) -> event.eventId().toString())
				.isSortedAccordingTo(Comparator.naturalOrder());
			assertThat(stored.get(0).eventId().toString()).isGreaterThan(before.eventId().toString());
			assertThat(this.store.lastSeq(ann.id())).isEqualTo(before.seq() + 3);
			assertThat(this.store.lastSeq(ben.id())).isEqualTo(2);

			Frame first = socket.next();
			assertThat(first.header("x-seq")).isEqualTo(Long.toString(before.seq() + 1));
			assertThat(first.header("x-event-id")).isEqualTo(stored.get(0).eventId().toString());
			assertThat(first.body()).isEqualTo("{\"n\":1}");
			Frame second = socket.next();
			assertThat(second.header("x-seq")).isEqualTo(Long.toString(before.seq() + 3));
			assertThat(second.body()).isEqualTo("{\"n\":3}");
			assertThat(socket.poll(Duration.ofMillis(300))).isNull();
		}
		assertThat(this.store.findBetween(ben.id(), 0, 3)).extracting(UserEvent::payload)
			.containsExactly("{\"n\":1}", "{\"n\":2}");
	}

	@Test
	void concurrentBatchesOverTheSameUsersNumberEveryEventOnce() {
		List<UserSummary> users = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			users.add(this.api.createUser("Demo Org", "batch-hot-" + i, Role.BUYER));
		}
		List<CompletableFuture<Void>> publishers = new ArrayList<>();
		for (int p = 0; p < 6; p++) {
			int offset = p;
			publishers.add(CompletableFuture.runAsync(() -> {
				for (int round = 0; round < 20; round++) {
					List<Publication> batch = new ArrayList<>();
					for (int i = 0; i < 10; i++) {
						// each publisher walks the users from a different start: the
						// batches list them in different orders
						UserSummary user = users.get((offset + i) % users.size());
						batch.add(new Publication(user.id(), Destinations.MESSAGES, Map.of("n", i)));
					}
					this.events.publishAll(batch);
				}
			}));
		}
		CompletableFuture.allOf(publishers.toArray(CompletableFuture[]::new)).join();

		for (UserSummary user : users) {
			// 6 publishers x 20 rounds x 2 events per user per batch
			assertThat(this.store.lastSeq(user.id())).isEqualTo(240);
			assertThat(this.store.findBetween(user.id(), 0, 241)).extracting(UserEvent::seq)
				.containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, 240).boxed().toList());
		}
	}

	@Test
	void aBatchWithATopicStoresNothing() {
		UserSummary user = this.api.createUser("Demo Org", "batch-bad", Role.BUYER);
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.events
				.publishAll(List.of(new Publication(user.id(), Destinations.MESSAGES, Map.of("n", 1)),
						new Publication(user.id(), "/topic/announcements", Map.of("n", 2)))))
			.withMessageContaining("/topic/announcements");
		assertThat(this.store.lastSeq(user.id())).isZero();
	}

}
