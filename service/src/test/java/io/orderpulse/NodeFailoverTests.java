package io.orderpulse;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.StatefulRedisConnection;
import io.orderpulse.realtime.Destinations;
import io.orderpulse.realtime.RawStompSocket;
import io.orderpulse.realtime.RawStompSocket.Frame;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A cluster node killed with SIGKILL while events flow to its users: two cluster-mode
 * nodes run as child JVMs (a real {@code kill -9}, which an in-process node cannot show),
 * on the local PostgreSQL (a fresh database, dropped afterwards) and Redis (a key prefix
 * of this run's own, deleted afterwards). Users hold real STOMP sessions on node B while
 * node A publishes; B is killed mid-stream; the clients reconnect to A with
 * {@code x-resume-after} and must end with every committed event exactly once (after
 * de-duplication by event id) and in order. The figures are printed for docs/cluster.md.
 */
@Tag("failure")
class NodeFailoverTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String REDIS = System.getenv()
		.getOrDefault("ORDERPULSE_TEST_REDIS_URL", "redis://127.0.0.1:6379");

	private static final String ADMIN = "failover-admin";

	private static final String ADMIN_PASSWORD = "bootstrap-" + UUID.randomUUID();

	private static final int USERS = 20;

	private static final int PER_USER = 100;

	private static final int RATE = 400;

	/**
	 * How many later events an acknowledging client receives before it acknowledges one.
	 */
	private static final int ACK_LAG = 10;

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private static final String KEY_PREFIX = "orderpulse-test-" + UUID.randomUUID() + ":";

	private static final List<Node> NODES = new ArrayList<>();

	private static Map<String, String> database = Map.of();

	static Node a;

	static Node b;

	static Node c;

	static Node d;

	@BeforeAll
	static void start() throws Exception {
		database = ExternalPostgres.createDatabase();
		byte[] secret = new byte[48];
		new SecureRandom().nextBytes(secret);
		List<String> args = new ArrayList<>();
		database.forEach((name, value) -> args.add("--" + name + "=" + value));
		args.addAll(List.of("--spring.profiles.active=test,cluster", "--spring.data.redis.url=" + REDIS,
				"--orderpulse.cluster.key-prefix=" + KEY_PREFIX, "--orderpulse.cluster.catch-up-interval=500ms",
				"--orderpulse.cluster.presence-heartbeat=1s", "--orderpulse.cluster.presence-ttl=3s",
				"--orderpulse.identity.jwt-secret=" + Base64.getEncoder().encodeToString(secret),
				"--orderpulse.bench.enabled=true", "--orderpulse.bench.allow-in-cluster=true",
				// four nodes on the PostgreSQL other test runs share: a small pool each
				"--spring.datasource.hikari.maximum-pool-size=8"));
		try {
			// the first node migrates the database and creates the admin
			a = Node.start("node-a", args, List.of("--orderpulse.bootstrap.admin.username=" + ADMIN,
					"--orderpulse.bootstrap.admin.password=" + ADMIN_PASSWORD));
			NODES.add(a);
			// B, C and D (one to kill per test) start together, to keep the test short
			try (ExecutorService starting = Executors.newVirtualThreadPerTaskExecutor()) {
				Future<Node> startingB = starting.submit(() -> Node.start("node-b", args, List.of()));
				Future<Node> startingC = starting.submit(() -> Node.start("node-c", args, List.of()));
				Future<Node> startingD = starting.submit(() -> Node.start("node-d", args, List.of()));
				b = started(startingB);
				c = started(startingC);
				d = started(startingD);
			}
		}
		catch (Exception | AssertionError ex) {
			stop();
			throw ex;
		}
	}

	private static Node started(Future<Node> starting) throws Exception {
		try {
			Node node = starting.get();
			NODES.add(node);
			return node;
		}
		catch (ExecutionException ex) {
			throw (ex.getCause() instanceof Exception cause) ? cause : ex;
		}
	}

	@AfterAll
	static void stop() {
		NODES.forEach(Node::kill);
		NODES.clear();
		deleteRedisKeys();
		dropDatabase();
	}

	@Test
	void usersOfAKilledNodeResumeOnTheOtherAndReceiveEveryEventExactlyOnceInOrder() throws Exception {
		String admin = login(a);
		List<Client> clients = new ArrayList<>();
		// readers stop before their executor closes, also when an assertion failed
		ExecutorService readers = Executors.newVirtualThreadPerTaskExecutor();
		try {
			connectNewUsers(admin, "failover", b, -1, clients, readers);

			List<Long> ids = clients.stream().map(Client::userId).toList();
			JsonNode run = post(a, "/api/v1/bench/publish", JSON.writeValueAsString(Map.of("userIds", ids, "perUser",
					PER_USER, "ratePerSecond", RATE, "destination", Destinations.MESSAGES)), admin);
			long total = run.get("events").asLong();
			assertThat(total).isEqualTo((long) USERS * PER_USER);

			// mid-stream: every client has had some events on node B
			await().atMost(Duration.ofSeconds(20))
				.until(() -> clients.stream().allMatch((client) -> client.received.size() >= PER_USER / 5));
			long receivedBeforeKill = clients.stream().mapToLong((client) -> client.received.size()).sum();
			long killedAt = System.nanoTime();
			b.kill();

			await().atMost(Duration.ofSeconds(40))
				.pollInterval(Duration.ofMillis(200))
				.until(() -> clients.stream().allMatch((client) -> client.distinct().size() >= PER_USER));
			clients.forEach(Client::stop);

			long received = 0;
			long duplicated = 0;
			long lost = 0;
			List<Long> recovery = new ArrayList<>();
			for (Client client : clients) {
				List<String> stored = storedEventIds(client.userId());
				List<String> distinct = client.distinct();
				assertThat(distinct).as("user %d: every stored event once, in sequence order", client.userId())
					.isEqualTo(stored);
				assertThat(client.seqsInOrder()).as("user %d: sequence numbers", client.userId()).isTrue();
				assertThat(client.reconnects.get()).as("user %d reconnected", client.userId()).isPositive();
				received += client.received.size();
				duplicated += client.received.size() - distinct.size();
				lost += stored.size() - distinct.size();
				recovery.add((client.firstAfterResume.get() - killedAt) / 1_000_000);
			}
			assertThat(lost).isZero();
			recovery.sort(null);
			System.out.printf(
					"FAILOVER kill -9 of the subscribers' node: %d users, %d events sent (stored), %d received before the kill, "
							+ "%d received in all, %d lost, %d duplicated (dropped by event id); recovery (kill to first event "
							+ "after resume) p50 %d ms, max %d ms%n",
					USERS, total, receivedBeforeKill, received, lost, duplicated, recovery.get(recovery.size() / 2),
					recovery.get(recovery.size() - 1));
		}
		finally {
			clients.forEach(Client::stop);
			readers.close();
		}
	}

	@Test
	void eventsCommittedByAKilledPublishingNodeStillReachUsersOnTheOtherNodeExactlyOnceInOrder() throws Exception {
		String admin = login(a);
		List<Client> clients = new ArrayList<>();
		// readers stop before their executor closes, also when an assertion failed
		ExecutorService readers = Executors.newVirtualThreadPerTaskExecutor();
		try {
			connectNewUsers(admin, "publisher", a, -1, clients, readers);

			List<Long> ids = clients.stream().map(Client::userId).toList();
			long planned = post(c, "/api/v1/bench/publish", JSON.writeValueAsString(Map.of("userIds", ids, "perUser",
					PER_USER, "ratePerSecond", RATE, "destination", Destinations.MESSAGES)), login(c))
				.get("events")
				.asLong();
			await().atMost(Duration.ofSeconds(20))
				.until(() -> clients.stream().allMatch((client) -> client.received.size() >= PER_USER / 5));
			long killedAt = System.nanoTime();
			c.kill();

			// the database holds what node C committed before it died: that is what was
			// sent (read again on every poll: a commit already on its way may land just
			// after the kill)
			await().atMost(Duration.ofSeconds(20))
				.pollInterval(Duration.ofMillis(100))
				.until(() -> allDelivered(clients));
			long complete = (System.nanoTime() - killedAt) / 1_000_000;
			// anything late (a duplicate, an event beyond the committed ones) would
			// show now
			Thread.sleep(1000);
			clients.forEach(Client::stop);

			long received = 0;
			long duplicated = 0;
			long committed = 0;
			for (Client client : clients) {
				List<String> stored = storedEventIds(client.userId());
				committed += stored.size();
				assertThat(client.distinct())
					.as("user %d: every committed event once, in sequence order", client.userId())
					.isEqualTo(stored);
				assertThat(client.seqsInOrder()).as("user %d: sequence numbers", client.userId()).isTrue();
				assertThat(client.reconnects.get()).as("user %d stayed connected to node A", client.userId()).isZero();
				received += client.received.size();
				duplicated += client.received.size() - client.distinct().size();
			}
			assertThat(committed).as("some events were still to come when node C died").isLessThan(planned);
			System.out.printf(
					"FAILOVER kill -9 of the publishing node: %d users, %d events planned, %d committed before the kill, "
							+ "%d received, 0 lost, %d duplicated (dropped by event id); all committed events delivered "
							+ "%d ms after the kill%n",
					USERS, planned, committed, received, duplicated, complete);
		}
		finally {
			clients.forEach(Client::stop);
			readers.close();
		}
	}

	@Test
	void acknowledgingUsersOfAKilledNodeGetTheirUnacknowledgedEventsAgainOnTheOtherNodeOnceEachInOrder()
			throws Exception {
		String admin = login(a);
		List<Client> clients = new ArrayList<>();
		// readers stop before their executor closes, also when an assertion failed
		ExecutorService readers = Executors.newVirtualThreadPerTaskExecutor();
		try {
			// each acknowledges an event once ACK_LAG later ones have arrived, as a
			// client that processes them in the background: some are always
			// unacknowledged
			connectNewUsers(admin, "acking", d, ACK_LAG, clients, readers);

			List<Long> ids = clients.stream().map(Client::userId).toList();
			long total = post(a, "/api/v1/bench/publish", JSON.writeValueAsString(Map.of("userIds", ids, "perUser",
					PER_USER, "ratePerSecond", RATE, "destination", Destinations.MESSAGES)), admin)
				.get("events")
				.asLong();
			await().atMost(Duration.ofSeconds(20))
				.until(() -> clients.stream().allMatch((client) -> client.received.size() >= PER_USER / 5));
			// no acknowledgement leaves a client from now until it has resumed, so what
			// is unacknowledged at the kill is known
			clients.forEach(Client::holdAcknowledgements);
			long acknowledgedBeforeKill = clients.stream().mapToLong((client) -> client.acknowledged.get()).sum();
			long killedAt = System.nanoTime();
			d.kill();

			await().atMost(Duration.ofSeconds(40))
				.pollInterval(Duration.ofMillis(200))
				.until(() -> clients.stream().allMatch((client) -> client.distinct().size() >= PER_USER));
			// the last events acknowledged too: the database then holds every event
			// as delivered
			clients.forEach(Client::acknowledgeAll);
			await().atMost(Duration.ofSeconds(10))
				.pollInterval(Duration.ofMillis(100))
				.until(() -> unacknowledgedInDatabase(ids) == 0);
			clients.forEach(Client::stop);

			long received = 0;
			long duplicated = 0;
			long lost = 0;
			long pendingAtKill = 0;
			long redelivered = 0;
			List<Long> recovery = new ArrayList<>();
			for (Client client : clients) {
				List<String> stored = storedEventIds(client.userId());
				assertThat(client.distinct()).as("user %d: every stored event once, in sequence order", client.userId())
					.isEqualTo(stored);
				assertThat(client.seqsInOrder()).as("user %d: sequence numbers", client.userId()).isTrue();
				assertThat(client.reconnects.get()).as("user %d reconnected", client.userId()).isPositive();
				List<String> pending = client.unacknowledgedAtResume();
				assertThat(client.receivedAfterResume())
					.as("user %d: the events unacknowledged at the kill, delivered again after the resume",
							client.userId())
					.containsAll(pending);
				pendingAtKill += pending.size();
				redelivered += client.receivedAfterResume()
					.stream()
					.filter((id) -> client.receivedBeforeResume().contains(id))
					.count();
				received += client.received.size();
				duplicated += client.received.size() - client.distinct().size();
				lost += stored.size() - client.distinct().size();
				recovery.add((client.firstAfterResume.get() - killedAt) / 1_000_000);
			}
			assertThat(pendingAtKill).as("events unacknowledged at the kill").isPositive();
			assertThat(lost).isZero();
			recovery.sort(null);
			System.out.printf(
					"FAILOVER kill -9 with ack:client-individual: %d users, %d events sent (stored), %d acknowledged "
							+ "before the kill, %d unacknowledged at the kill (all delivered again after the resume), "
							+ "%d redelivered in all, %d received, %d lost, %d duplicated (dropped by event id), "
							+ "%d reconnects; recovery (kill to first event after resume) p50 %d ms, max %d ms%n",
					USERS, total, acknowledgedBeforeKill, pendingAtKill, redelivered, received, lost, duplicated,
					clients.stream().mapToLong((client) -> client.reconnects.get()).sum(),
					recovery.get(recovery.size() / 2), recovery.get(recovery.size() - 1));
		}
		finally {
			clients.forEach(Client::stop);
			readers.close();
		}
	}

	private static long unacknowledgedInDatabase(List<Long> userIds) throws SQLException {
		try (Connection connection = DriverManager.getConnection(database.get("spring.datasource.url"),
				database.get("spring.datasource.username"), "");
				PreparedStatement statement = connection
					.prepareStatement("select count(*) from user_events where user_id = any(?) and status <> 2")) {
			statement.setArray(1, connection.createArrayOf("bigint", userIds.toArray()));
			try (ResultSet rs = statement.executeQuery()) {
				rs.next();
				return rs.getLong(1);
			}
		}
	}

	private static boolean allDelivered(List<Client> clients) throws SQLException {
		for (Client client : clients) {
			if (!client.distinct().equals(storedEventIds(client.userId()))) {
				return false;
			}
		}
		return true;
	}

	private static List<String> storedEventIds(long userId) throws SQLException {
		try (Connection connection = DriverManager.getConnection(database.get("spring.datasource.url"),
				database.get("spring.datasource.username"), "");
				PreparedStatement statement = connection
					.prepareStatement("select event_id from user_events where user_id = ? order by seq")) {
			statement.setLong(1, userId);
			List<String> ids = new ArrayList<>();
			try (ResultSet rs = statement.executeQuery()) {
				while (rs.next()) {
					ids.add(rs.getString(1));
				}
			}
			return ids;
		}
	}

	private static String login(Node node) throws Exception {
		return post(node, "/api/v1/auth/login",
				"{\"username\":\"" + ADMIN + "\",\"password\":\"" + ADMIN_PASSWORD + "\"}", null)
			.get("accessToken")
			.asString();
	}

	private static JsonNode post(Node node, String path, String body, @Nullable String token) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(node.uri(path))
			.timeout(Duration.ofSeconds(30))
			.header("Content-Type", "application/json")
			.POST(BodyPublishers.ofString(body));
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		HttpResponse<String> response = HTTP.send(request.build(), BodyHandlers.ofString());
		assertThat(response.statusCode()).as(path + ": " + response.body()).isBetween(200, 299);
		return JSON.readTree(response.body());
	}

	/**
	 * Creates {@link #USERS} users through node A, connects a client of each to
	 * {@code node} (added to {@code clients} as it connects, so a failure still stops
	 * them) and starts their readers.
	 * @param ackLag see {@link Client#Client(long, String, int)}; -1 for
	 * {@code ack: auto}
	 */
	private static void connectNewUsers(String admin, String prefix, Node node, int ackLag, List<Client> clients,
			ExecutorService readers) throws Exception {
		JsonNode users = post(a, "/api/v1/bench/users", "{\"count\": " + USERS + ", \"prefix\": \"" + prefix + "\"}",
				admin)
			.get("users");
		for (JsonNode user : users) {
			Client client = new Client(user.get("id").asLong(), user.get("token").asString(), ackLag);
			clients.add(client);
			client.connect(node);
		}
		clients.forEach((client) -> readers.execute(client::read));
	}

	private static void deleteRedisKeys() {
		RedisClient client = RedisClient.create(REDIS);
		try (StatefulRedisConnection<String, String> connection = client.connect()) {
			ScanCursor cursor = ScanCursor.INITIAL;
			do {
				KeyScanCursor<String> keys = connection.sync()
					.scan(cursor, ScanArgs.Builder.matches(KEY_PREFIX + "*").limit(1000));
				if (!keys.getKeys().isEmpty()) {
					connection.sync().del(keys.getKeys().toArray(String[]::new));
				}
				cursor = keys;
			}
			while (!cursor.isFinished());
		}
		catch (RuntimeException ex) {
			// keys of a run carry a random prefix and harm nobody
		}
		finally {
			client.shutdown();
		}
	}

	private static void dropDatabase() {
		String url = database.get("spring.datasource.url");
		if (url == null) {
			return;
		}
		String name = url.substring(url.lastIndexOf('/') + 1);
		try (Connection connection = DriverManager.getConnection(
				url.substring(0, url.lastIndexOf('/') + 1) + "postgres", database.get("spring.datasource.username"),
				""); Statement statement = connection.createStatement()) {
			statement.execute("drop database if exists " + name + " with (force)");
		}
		catch (SQLException ex) {
			// ExternalPostgres drops databases left behind for over an hour
		}
	}

	/**
	 * A cluster node in a child JVM of its own, so that it can be killed like a process
	 * in production.
	 */
	record Node(String name, int port, Process process, Path log) {

		static Node start(String name, List<String> common, List<String> extra) throws Exception {
			int port;
			try (ServerSocket socket = new ServerSocket(0)) {
				port = socket.getLocalPort();
			}
			List<String> command = new ArrayList<>(
					List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
							"-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
							OrderPulseApplication.class.getName(), "--server.port=" + port,
							"--orderpulse.cluster.node-id=" + name));
			command.addAll(common);
			command.addAll(extra);
			Path log = Files.createDirectories(Path.of("target", "failover")).resolve(name + ".log");
			Process process = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(log.toFile())
				.start();
			// should the test JVM itself be stopped, its nodes go with it
			Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
			Node node = new Node(name, port, process, log);
			try {
				await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).until(() -> {
					if (!process.isAlive()) {
						throw new IllegalStateException(name + " exited: " + tail(log));
					}
					return node.ready();
				});
			}
			catch (RuntimeException | Error ex) {
				node.kill();
				throw ex;
			}
			return node;
		}

		URI uri(String path) {
			return URI.create("http://localhost:" + this.port + path);
		}

		URI ws() {
			return URI.create("ws://localhost:" + this.port + "/ws");
		}

		private boolean ready() {
			try {
				return HTTP
					.send(HttpRequest.newBuilder(uri("/actuator/health/readiness"))
						.timeout(Duration.ofSeconds(2))
						.build(), BodyHandlers.discarding())
					.statusCode() == 200;
			}
			catch (IOException ex) {
				return false;
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return false;
			}
		}

		/**
		 * SIGKILL on Linux: no shutdown hook, no graceful close of the sessions.
		 */
		void kill() {
			this.process.destroyForcibly();
			try {
				this.process.waitFor();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

		private static String tail(Path log) {
			try {
				List<String> lines = Files.readAllLines(log);
				return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
			}
			catch (IOException ex) {
				return "(no log)";
			}
		}

	}

	/**
	 * A user's STOMP client: remembers the highest {@code x-seq} it processed and, when
	 * its connection dies, resubscribes on node A with {@code x-resume-after}. With an
	 * acknowledgement lag it subscribes with {@code ack:client-individual} and
	 * acknowledges each event once that many later ones have arrived.
	 */
	static final class Client {

		private final long userId;

		private final String token;

		/** -1: {@code ack:auto}. */
		private final int ackLag;

		private final java.util.concurrent.ConcurrentLinkedDeque<String> pending = new java.util.concurrent.ConcurrentLinkedDeque<>();

		final AtomicLong acknowledged = new AtomicLong();

		private volatile boolean holding;

		/** How many frames had arrived when the client resumed. */
		private volatile int resumedAt = -1;

		private volatile List<String> unacknowledgedAtResume = List.of();

		final List<Frame> received = new CopyOnWriteArrayList<>();

		final AtomicLong reconnects = new AtomicLong();

		final AtomicLong firstAfterResume = new AtomicLong();

		private volatile @Nullable RawStompSocket socket;

		private volatile boolean running = true;

		private volatile long lastSeq;

		Client(long userId, String token, int ackLag) {
			this.userId = userId;
			this.token = token;
			this.ackLag = ackLag;
		}

		long userId() {
			return this.userId;
		}

		void connect(Node node) throws Exception {
			RawStompSocket socket = RawStompSocket.open(node.ws()).connect(this.token, "0,0");
			Frame connected = socket.next();
			assertThat(connected.command()).as(connected.toString()).isEqualTo("CONNECTED");
			Map<String, String> headers = new java.util.HashMap<>(Map.of("id", "s1", "destination",
					Destinations.MESSAGES, "receipt", "r-s1", "x-resume-after", Long.toString(this.lastSeq)));
			if (this.ackLag >= 0) {
				headers.put("ack", "client-individual");
			}
			// the old connection's acknowledgements are gone with it: what it did not
			// acknowledge is delivered again
			if (this.reconnects.get() > 0 && this.resumedAt < 0) {
				this.unacknowledgedAtResume = List.copyOf(this.pending);
				this.resumedAt = this.received.size();
			}
			this.pending.clear();
			this.holding = false;
			socket.sendFrame("SUBSCRIBE", headers, "");
			this.socket = socket;
		}

		void holdAcknowledgements() {
			this.holding = true;
		}

		/** What the client had not acknowledged when its connection died. */
		List<String> unacknowledgedAtResume() {
			return this.unacknowledgedAtResume;
		}

		/** Acknowledges everything received and not yet acknowledged. */
		void acknowledgeAll() {
			RawStompSocket current = this.socket;
			String id;
			while (current != null && (id = this.pending.poll()) != null) {
				current.sendFrame("ACK", Map.of("id", id), "");
				this.acknowledged.incrementAndGet();
			}
		}

		private void acknowledge(RawStompSocket current, Frame frame) {
			String id = frame.header("ack");
			if (this.ackLag < 0 || id == null) {
				return;
			}
			this.pending.add(id);
			while (!this.holding && this.pending.size() > this.ackLag) {
				current.sendFrame("ACK", Map.of("id", this.pending.peekFirst()), "");
				this.pending.pollFirst();
				this.acknowledged.incrementAndGet();
			}
		}

		List<String> receivedBeforeResume() {
			int at = this.resumedAt;
			return this.received.subList(0, (at < 0) ? this.received.size() : at)
				.stream()
				.map((frame) -> frame.header("x-event-id"))
				.toList();
		}

		List<String> receivedAfterResume() {
			int at = this.resumedAt;
			return (at < 0) ? List.of()
					: this.received.subList(at, this.received.size())
						.stream()
						.map((frame) -> frame.header("x-event-id"))
						.toList();
		}

		void read() {
			while (this.running) {
				try {
					RawStompSocket current = this.socket;
					if (current == null) {
						connect(a);
						continue;
					}
					Frame frame = current.poll(Duration.ofMillis(50));
					if (frame != null) {
						String seq = frame.header("x-seq");
						if ("MESSAGE".equals(frame.command()) && seq != null) {
							if (this.reconnects.get() > 0) {
								this.firstAfterResume.compareAndSet(0, System.nanoTime());
							}
							this.received.add(frame);
							this.lastSeq = Math.max(this.lastSeq, Long.parseLong(seq));
							acknowledge(current, frame);
						}
					}
					else if (current.isClosed()) {
						// node B is gone: reconnect to the surviving node and resume
						current.close();
						this.socket = null;
						this.reconnects.incrementAndGet();
					}
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return;
				}
				catch (Exception | AssertionError ex) {
					// the surviving node refused or was slow: try again shortly
					sleep();
				}
			}
		}

		private static void sleep() {
			try {
				Thread.sleep(100);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

		List<String> distinct() {
			LinkedHashSet<String> ids = new LinkedHashSet<>();
			this.received.forEach((frame) -> ids.add(frame.header("x-event-id")));
			return List.copyOf(ids);
		}

		boolean seqsInOrder() {
			long previous = 0;
			LinkedHashSet<String> seen = new LinkedHashSet<>();
			for (Frame frame : this.received) {
				if (seen.add(frame.header("x-event-id"))) {
					long seq = Long.parseLong(frame.header("x-seq"));
					if (seq <= previous) {
						return false;
					}
					previous = seq;
				}
			}
			return true;
		}

		void stop() {
			this.running = false;
			RawStompSocket current = this.socket;
			if (current != null) {
				current.close();
			}
		}

	}

}
