package io.orderpulse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import org.jspecify.annotations.Nullable;

import static org.awaitility.Awaitility.await;

/**
 * A RabbitMQ node of a test's own: {@code rabbitmq-server} with a node name
 * ({@code optest-<random>@localhost}), AMQP and distribution ports, data, logs,
 * configuration and plugins of its own (none of the shared node's {@code /etc/rabbitmq}
 * files), started with the installed scripts ({@code /usr/lib/rabbitmq/bin}, override
 * with {@code ORDERPULSE_TEST_RABBITMQ_BIN}) as user {@code rabbitmq} when the tests run
 * as root, so with that user's Erlang cookie. {@link #stop()} stops it with
 * {@code rabbitmqctl -n <node> stop}; {@link #startAgain()} starts the same node with the
 * same data, so durable queues and persistent messages are still there. The node the
 * other tests share is never touched. Stopped and removed by {@link #close()}.
 */
public final class PrivateRabbitMq implements AutoCloseable {

	private static final String USER = "rabbitmq";

	private static final Path BIN = Path
		.of(System.getenv().getOrDefault("ORDERPULSE_TEST_RABBITMQ_BIN", "/usr/lib/rabbitmq/bin"));

	private final String node = "optest-" + UUID.randomUUID().toString().substring(0, 8) + "@localhost";

	private final int port = PrivateEngines.freePort();

	private final int distributionPort = PrivateEngines.freePort();

	private final Path dir;

	private @Nullable Process process;

	private PrivateRabbitMq() {
		this.dir = PrivateEngines.directory("orderpulse-rabbitmq-", USER);
		try {
			Files.writeString(this.dir.resolve("enabled_plugins"), "[].");
			Files.writeString(this.dir.resolve("rabbitmq.conf"), "listeners.tcp.1 = 127.0.0.1:" + this.port + "\n");
			Files.writeString(this.dir.resolve("rabbitmq-env.conf"), "");
			Files.createDirectories(this.dir.resolve("mnesia"));
			Files.createDirectories(this.dir.resolve("log"));
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		PrivateEngines.chown(this.dir, USER);
	}

	/**
	 * Starts a node and waits until it accepts AMQP connections.
	 */
	public static PrivateRabbitMq start() {
		PrivateRabbitMq rabbit = new PrivateRabbitMq();
		try {
			rabbit.startNode();
			return rabbit;
		}
		catch (RuntimeException ex) {
			rabbit.close();
			throw ex;
		}
	}

	public String url() {
		return "amqp://guest:guest@127.0.0.1:" + this.port;
	}

	/**
	 * Stops the node ({@code rabbitmqctl stop}): connections to it close.
	 */
	public void stop() {
		Process running = this.process;
		if (running == null) {
			return;
		}
		this.process = null;
		try {
			PrivateEngines.run(
					PrivateEngines.as(USER,
							List.of(BIN.resolve("rabbitmqctl").toString(), "-n", this.node, "stop", "--timeout", "30")),
					environment(), this.dir, 60);
		}
		finally {
			PrivateEngines.kill(running.toHandle());
		}
	}

	/**
	 * Starts the stopped node again, with its data.
	 */
	public void startAgain() {
		if (this.process == null) {
			startNode();
		}
	}

	private void startNode() {
		try {
			ProcessBuilder builder = new ProcessBuilder(
					PrivateEngines.as(USER, List.of(BIN.resolve("rabbitmq-server").toString())))
				.directory(this.dir.toFile())
				.redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(this.dir.resolve("server.out").toFile()));
			builder.environment().putAll(environment());
			this.process = builder.start();
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not start " + BIN.resolve("rabbitmq-server"), ex);
		}
		ProcessHandle started = this.process.toHandle();
		Runtime.getRuntime().addShutdownHook(new Thread(() -> PrivateEngines.kill(started)));
		await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).until(() -> {
			if (!started.isAlive()) {
				throw new IllegalStateException("RabbitMQ node " + this.node + " exited; see " + this.dir);
			}
			return accepts();
		});
	}

	/**
	 * Whether the node accepts an AMQP connection.
	 */
	public boolean accepts() {
		ConnectionFactory factory = new ConnectionFactory();
		factory.setHost("127.0.0.1");
		factory.setPort(this.port);
		factory.setConnectionTimeout(1000);
		factory.setAutomaticRecoveryEnabled(false);
		try (Connection connection = factory.newConnection()) {
			return connection.isOpen();
		}
		catch (Exception ex) {
			return false;
		}
	}

	private Map<String, String> environment() {
		return Map.of("RABBITMQ_NODENAME", this.node, "RABBITMQ_NODE_PORT", Integer.toString(this.port),
				"RABBITMQ_DIST_PORT", Integer.toString(this.distributionPort), "RABBITMQ_MNESIA_BASE",
				this.dir.resolve("mnesia").toString(), "RABBITMQ_LOG_BASE", this.dir.resolve("log").toString(),
				"RABBITMQ_ENABLED_PLUGINS_FILE", this.dir.resolve("enabled_plugins").toString(), "RABBITMQ_CONFIG_FILE",
				this.dir.resolve("rabbitmq.conf").toString(), "RABBITMQ_CONF_ENV_FILE",
				this.dir.resolve("rabbitmq-env.conf").toString());
	}

	@Override
	public void close() {
		try {
			stop();
		}
		catch (RuntimeException ex) {
			// the directory goes anyway
		}
		PrivateEngines.delete(this.dir);
	}

}
