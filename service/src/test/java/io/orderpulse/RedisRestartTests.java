package io.orderpulse;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import io.orderpulse.identity.Role;
import io.orderpulse.identity.UserAccounts;
import io.orderpulse.identity.UserSummary;
import io.orderpulse.realtime.Destinations;
import io.orderpulse.realtime.RawStompSocket;
import io.orderpulse.realtime.RawStompSocket.Frame;
import io.orderpulse.realtime.UserEvents;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Redis killed and restarted (empty) while node A publishes to users whose sessions are
 * on node B: two cluster nodes on a Redis of this test's own ({@link PrivateRedis}) and a
 * fresh database on the external PostgreSQL. Pub/sub loses whatever is published while
 * Redis is away, so every event must still reach its user from the database (the source
 * of truth), once and in order, without the clients doing anything; and the presence
 * Redis forgot must come back. The figures are printed for docs/operations.md.
 */
@Tag("failure")
class RedisRestartTests {

	private static final int USERS = 10;

	/** Events per second, over all users. */
	private static final int RATE = 200;

	static PrivateRedis redis;

	static TwoNodes nodes;

	@BeforeAll
	static void start() {
		redis = PrivateRedis.start();
		try {
			nodes = TwoNodes.start(2, false,
					Map.of("spring.data.redis.url", redis.url(), "spring.datasource.hikari.maximum-pool-size", "8"));
		}
		catch (RuntimeException ex) {
			redis.close();
			throw ex;
		}
	}

	@AfterAll
	static void stop() {
		if (nodes != null) {
			nodes.close();
		}
		if (redis != null) {
			redis.close();
		}
	}

	@Test
	void usersOnNodeBReceiveEveryEventPublishedOnNodeAOnceAndInOrderWhileRedisRestartsAndPresenceComesBack()
			throws Exception {
		UserSummary admin = nodes.apiA().createUser("Redis Restart Org", "admin", Role.ADMIN);
		String adminToken = nodes.apiA().tokenFor(admin);
		List<UserSummary> users = nodes.a()
			.getBean(UserAccounts.class)
			.createBenchUsers(admin.orgId(), "redis-restart-" + System.nanoTime(), USERS);
		List<Client> clients = new ArrayList<>();
		Publisher publisher = new Publisher(nodes.a().getBean(UserEvents.class), users);
		try {
			for (UserSummary user : users) {
				clients.add(new Client(user, RawStompSocket.subscribed(nodes.apiB().ws(), nodes.apiB().tokenFor(user),
						Destinations.ORDER_UPDATES)));
			}
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(online(adminToken, users)).as("online before").isEqualTo(USERS));
			Thread publishing = Thread.ofVirtual().name("redis-restart-publisher").start(publisher);

			await().atMost(Duration.ofSeconds(10))
				.pollInterval(Duration.ofMillis(20))
				.until(() -> clients.stream().allMatch((client) -> client.collect() >= 5));
			long sentBeforeKill = publisher.sent.get();
			long receivedBeforeKill = received(clients);
			redis.kill();
			long killedAt = System.nanoTime();
			// the outage: node A keeps publishing, node B's subscription is gone
			await().pollDelay(Duration.ofSeconds(3)).until(() -> true);
			long sentDuringOutage = publisher.sent.get() - sentBeforeKill;
			long receivedDuringOutage = received(clients) - receivedBeforeKill;
			redis.restart();
			long backAt = System.nanoTime();
			Map<Long, Long> storedWhenBack = lastSeqs(users);

			// everything stored while Redis was away reaches the users
			await().atMost(Duration.ofSeconds(20))
				.pollInterval(Duration.ofMillis(20))
				.until(() -> clients.stream()
					.allMatch((client) -> client.lastSeq() >= storedWhenBack.get(client.user.id())));
			long caughtUpMillis = (System.nanoTime() - backAt) / 1_000_000;
			// presence: the restarted Redis was empty; the nodes write their sessions
			// again
			await().atMost(Duration.ofSeconds(15))
				.pollInterval(Duration.ofMillis(50))
				.untilAsserted(() -> assertThat(online(adminToken, users)).as("online after").isEqualTo(USERS));
			long presenceMillis = (System.nanoTime() - backAt) / 1_000_000;

			// live delivery after the restart (pub/sub resubscribed), then the end
			await().pollDelay(Duration.ofSeconds(2)).until(() -> true);
			publisher.stop(publishing);
			long sent = publisher.sent.get();
			await().atMost(Duration.ofSeconds(20))
				.pollInterval(Duration.ofMillis(50))
				.until(() -> clients.stream().allMatch((client) -> client.lastSeq() >= publisher.count(client.user)));
			// anything late (a duplicate) would show now
			await().pollDelay(Duration.ofSeconds(1)).until(() -> true);
			clients.forEach(Client::collect);

			long received = 0;
			long duplicated = 0;
			long lost = 0;
			for (Client client : clients) {
				List<String> stored = storedEventIds(client.user.id());
				assertThat(stored).as("user %d: stored events", client.user.id())
					.hasSize((int) publisher.count(client.user));
				assertThat(client.distinct())
					.as("user %d: every stored event once, in sequence order", client.user.id())
					.isEqualTo(stored);
				assertThat(client.seqs())
					.as("user %d: sequence numbers in order, without repeats (no duplicate reaches a session)",
							client.user.id())
					.isSorted()
					.doesNotHaveDuplicates();
				received += client.frames.size();
				duplicated += client.frames.size() - client.distinct().size();
				lost += stored.size() - client.distinct().size();
			}
			assertThat(received).isEqualTo(sent);
			assertThat(lost).isZero();
			assertThat(duplicated).isZero();
			System.out.printf("FAILURE Redis killed for %d ms and restarted empty: %d users on node B, %d events sent "
					+ "through node A (%d during the outage, of which %d reached the users during it from the "
					+ "database), %d received, %d lost, %d duplicated; everything stored by the restart delivered "
					+ "%d ms after Redis was back; presence rewritten %d ms after%n", (backAt - killedAt) / 1_000_000,
					USERS, sent, sentDuringOutage, receivedDuringOutage, received, lost, duplicated, caughtUpMillis,
					presenceMillis);
		}
		finally {
			publisher.running.set(false);
			clients.forEach((client) -> client.socket.close());
		}
	}

	private static int online(String adminToken, List<UserSummary> users) {
		int online = 0;
		for (UserSummary user : users) {
			JsonNode presence = nodes.apiA().get("/api/v1/presence/" + user.id(), adminToken).json();
			if (presence.path("online").asBoolean()) {
				online++;
			}
		}
		return online;
	}

	private static long received(List<Client> clients) {
		long received = 0;
		for (Client client : clients) {
			client.collect();
			received += client.frames.size();
		}
		return received;
	}

	private static Map<Long, Long> lastSeqs(List<UserSummary> users) {
		Map<Long, Long> lastSeqs = new java.util.HashMap<>();
		JdbcClient jdbc = nodes.a().getBean(JdbcClient.class);
		for (UserSummary user : users) {
			lastSeqs.put(user.id(),
					jdbc.sql("select coalesce(max(seq), 0) from user_events where user_id = ?")
						.param(user.id())
						.query(Long.class)
						.single());
		}
		return lastSeqs;
	}

	private static List<String> storedEventIds(long userId) {
		return nodes.a()
			.getBean(JdbcClient.class)
			.sql("select event_id::text from user_events where user_id = ? order by seq")
			.param(userId)
			.query(String.class)
			.list();
	}

	/**
	 * Publishes events round robin to the users through node A at {@link #RATE} per
	 * second until stopped.
	 */
	static final class Publisher implements Runnable {

		private final UserEvents events;

		private final List<UserSummary> users;

		final AtomicLong sent = new AtomicLong();

		final AtomicBoolean running = new AtomicBoolean(true);

		private final Map<Long, AtomicLong> perUser = new java.util.concurrent.ConcurrentHashMap<>();

		Publisher(UserEvents events, List<UserSummary> users) {
			this.events = events;
			this.users = users;
			users.forEach((user) -> this.perUser.put(user.id(), new AtomicLong()));
		}

		@Override
		public void run() {
			long started = System.nanoTime();
			long n = 0;
			while (this.running.get()) {
				UserSummary user = this.users.get((int) (n % this.users.size()));
				this.events.publish(user.id(), Destinations.ORDER_UPDATES, Map.of("n", n));
				this.perUser.get(user.id()).incrementAndGet();
				this.sent.incrementAndGet();
				n++;
				long due = started + n * 1_000_000_000L / RATE;
				long wait = due - System.nanoTime();
				if (wait > 0) {
					try {
						Thread.sleep(Duration.ofNanos(wait));
					}
					catch (InterruptedException ex) {
						return;
					}
				}
			}
		}

		long count(UserSummary user) {
			return this.perUser.get(user.id()).get();
		}

		void stop(Thread thread) throws InterruptedException {
			this.running.set(false);
			thread.join(Duration.ofSeconds(10));
		}

	}

	/**
	 * A user's session on node B and the events it received.
	 */
	static final class Client {

		final UserSummary user;

		final RawStompSocket socket;

		final List<Frame> frames = new CopyOnWriteArrayList<>();

		Client(UserSummary user, RawStompSocket socket) {
			this.user = user;
			this.socket = socket;
		}

		/** Takes the frames that arrived. */
		synchronized int collect() {
			try {
				Frame frame;
				while ((frame = this.socket.poll(Duration.ZERO)) != null) {
					if ("MESSAGE".equals(frame.command()) && frame.header("x-seq") != null) {
						this.frames.add(frame);
					}
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			return this.frames.size();
		}

		long lastSeq() {
			collect();
			return this.frames.isEmpty() ? 0 : Long.parseLong(this.frames.getLast().header("x-seq"));
		}

		List<Long> seqs() {
			return this.frames.stream().map((frame) -> Long.parseLong(frame.header("x-seq"))).toList();
		}

		List<String> distinct() {
			LinkedHashSet<String> ids = new LinkedHashSet<>();
			this.frames.forEach((frame) -> ids.add(frame.header("x-event-id")));
			return List.copyOf(ids);
		}

	}

}
