package io.orderpulse;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;

import static org.awaitility.Awaitility.await;

/**
 * A Redis server of a test's own ({@code redis-server}, override the binary with
 * {@code ORDERPULSE_TEST_REDIS_SERVER}) on a free port, without persistence: a test can
 * kill and restart it (coming back empty, as a Redis without persistence does) without
 * touching the Redis other tests share. Stopped by {@link #close()}.
 */
public final class PrivateRedis implements AutoCloseable {

	private static final String BINARY = System.getenv()
		.getOrDefault("ORDERPULSE_TEST_REDIS_SERVER", "/usr/bin/redis-server");

	private final int port = PrivateEngines.freePort();

	private @Nullable Process process;

	private PrivateRedis() {
	}

	/**
	 * Starts a server and waits until it answers.
	 */
	public static PrivateRedis start() {
		PrivateRedis redis = new PrivateRedis();
		redis.startServer();
		return redis;
	}

	public String url() {
		return "redis://127.0.0.1:" + this.port;
	}

	/**
	 * Kills the server ({@code SIGKILL}, as a crash): every connection to it breaks.
	 */
	public void kill() {
		Process running = this.process;
		if (running != null) {
			PrivateEngines.kill(running.toHandle());
			this.process = null;
		}
	}

	/**
	 * Starts the server again on the same port, empty.
	 */
	public void restart() {
		kill();
		startServer();
	}

	private void startServer() {
		try {
			this.process = new ProcessBuilder(BINARY, "--port", Integer.toString(this.port), "--bind", "127.0.0.1",
					"--save", "", "--appendonly", "no")
				.redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.DISCARD)
				.directory(Path.of(System.getProperty("java.io.tmpdir")).toFile())
				.start();
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not start " + BINARY + " (set ORDERPULSE_TEST_REDIS_SERVER)", ex);
		}
		Process started = this.process;
		Runtime.getRuntime().addShutdownHook(new Thread(started::destroyForcibly));
		await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).until(this::answers);
	}

	/**
	 * Whether the server answers {@code PING}.
	 */
	public boolean answers() {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", this.port), 500);
			socket.setSoTimeout(500);
			OutputStream out = socket.getOutputStream();
			out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
			out.flush();
			InputStream in = socket.getInputStream();
			byte[] reply = new byte[7];
			int read = in.readNBytes(reply, 0, reply.length);
			return new String(reply, 0, read, StandardCharsets.US_ASCII).startsWith("+PONG");
		}
		catch (IOException ex) {
			return false;
		}
	}

	@Override
	public void close() {
		kill();
	}

	@Override
	public String toString() {
		return "PrivateRedis" + List.of(this.port);
	}

}
