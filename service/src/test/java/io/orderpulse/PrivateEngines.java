package io.orderpulse;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * What the private engines of the failure tests ({@link PrivateRedis},
 * {@link PrivatePostgres}, {@link PrivateRabbitMq}) share: free ports, temporary
 * directories, running a command to its end, and running an engine's command as the
 * engine's own system user when the tests run as root (PostgreSQL refuses to run as root;
 * RabbitMQ's scripts expect their user).
 */
final class PrivateEngines {

	private PrivateEngines() {
	}

	static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			socket.setReuseAddress(true);
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException("No free port", ex);
		}
	}

	static boolean root() {
		return "root".equals(System.getProperty("user.name"));
	}

	/**
	 * The command, run as {@code user} if this process is root (as is, otherwise).
	 */
	static List<String> as(String user, List<String> command) {
		if (!root()) {
			return command;
		}
		List<String> wrapped = new ArrayList<>(List.of("runuser", "-u", user, "--"));
		wrapped.addAll(command);
		return wrapped;
	}

	/**
	 * A temporary directory that {@code user} owns when this process is root.
	 */
	static Path directory(String prefix, String user) {
		try {
			Path dir = Files.createTempDirectory(prefix);
			chown(dir, user);
			return dir;
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not create a temporary directory", ex);
		}
	}

	static void chown(Path path, String user) {
		if (root()) {
			run(List.of("chown", "-R", user, path.toString()), Map.of(), path, 10);
		}
	}

	/**
	 * Runs a command to its end.
	 * @return its output
	 * @throws IllegalStateException if it fails or takes longer than {@code seconds}
	 */
	static String run(List<String> command, Map<String, String> environment, Path directory, int seconds) {
		try {
			ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile())
				.redirectErrorStream(true);
			builder.environment().putAll(environment);
			Process process = builder.start();
			// read as it runs: a full pipe would block the command
			byte[] output = process.getInputStream().readAllBytes();
			if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				throw new IllegalStateException(String.join(" ", command) + " took over " + seconds + " s");
			}
			String text = new String(output);
			if (process.exitValue() != 0) {
				throw new IllegalStateException(
						String.join(" ", command) + " exited with " + process.exitValue() + ": " + text);
			}
			return text;
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not run " + command, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted running " + command, ex);
		}
	}

	/**
	 * Kills a process and everything it started.
	 */
	static void kill(ProcessHandle process) {
		process.descendants().forEach(ProcessHandle::destroyForcibly);
		process.destroyForcibly();
		process.onExit().join();
	}

	static void delete(Path dir) {
		try (Stream<Path> paths = Files.walk(dir)) {
			paths.sorted(Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
		}
		catch (IOException ex) {
			// a temporary directory: the operating system cleans it up eventually
		}
	}

}
