package io.orderpulse.realtime;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.orderpulse.IntegrationTest;
import io.orderpulse.TestApi;
import io.orderpulse.identity.Role;
import io.orderpulse.identity.UserSummary;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The STOMP library browsers use, {@code @stomp/stompjs} (with {@code ws}), run by
 * Node.js against the gateway: src/test/js/stomp-client.mjs.
 */
@IntegrationTest
class StompJsClientTests {

	private static final Path CLIENT_DIR = Path.of("src/test/js");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Autowired
	TestApi api;

	@Autowired
	UserEvents events;

	@BeforeAll
	static void installClient() throws Exception {
		if (Files.isDirectory(CLIENT_DIR.resolve("node_modules/@stomp/stompjs"))) {
			return;
		}
		// npm's output goes to a file, not to this JVM's streams: Surefire talks to its
		// forked JVM over them, and npm's progress output corrupts that channel
		Path log = Files.createTempFile("npm-ci", ".log");
		Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund").directory(CLIENT_DIR.toFile())
			.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
		assertThat(npm.waitFor(180, TimeUnit.SECONDS)).as("npm ci finished").isTrue();
		assertThat(npm.exitValue()).as("npm ci exit code; output:%n%s", Files.readString(log)).isZero();
	}

	@Test
	void stompJsReceivesLiveEventsAndResumes() throws Exception {
		UserSummary user = this.api.createUser("Demo Org", "browser", Role.BUYER);
		String url = this.api.ws().toString();
		String token = this.api.tokenFor(user);

		List<Long> liveSeqs = new ArrayList<>();
		try (NodeClient client = NodeClient.start(url, token, Destinations.ORDER_UPDATES, 3, null)) {
			assertThat(client.next().get("subscribed").asBoolean()).isTrue();
			for (int i = 1; i <= 3; i++) {
				liveSeqs.add(this.events.publish(user.id(), Destinations.ORDER_UPDATES, Map.of("step", i)).seq());
			}
			for (int i = 1; i <= 3; i++) {
				JsonNode line = client.next();
				assertThat(line.get("seq").asLong()).isEqualTo(liveSeqs.get(i - 1));
				assertThat(line.get("body").get("step").asInt()).isEqualTo(i);
				assertThat(line.get("eventId").asString()).isNotBlank();
			}
			assertThat(client.exitCode()).isZero();
		}

		// offline now: two more, picked up by resuming after the last one seen
		UserEvent fourth = this.events.publish(user.id(), Destinations.ORDER_UPDATES, Map.of("step", 4));
		UserEvent fifth = this.events.publish(user.id(), Destinations.ORDER_UPDATES, Map.of("step", 5));
		try (NodeClient client = NodeClient.start(url, token, Destinations.ORDER_UPDATES, 2, liveSeqs.getLast())) {
			List<JsonNode> lines = new ArrayList<>();
			while (lines.size() < 2) {
				JsonNode line = client.next();
				if (line.has("seq") && !line.get("seq").isNull()) {
					lines.add(line);
				}
			}
			assertThat(lines).extracting((line) -> line.get("seq").asLong()).containsExactly(fourth.seq(), fifth.seq());
			assertThat(client.exitCode()).isZero();
		}
	}

	@Test
	void stompJsSeesTheErrorOfAnInvalidToken() throws Exception {
		String url = this.api.ws().toString();
		try (NodeClient client = NodeClient.start(url, "forged", Destinations.ORDER_UPDATES, 1, null)) {
			assertThat(client.next().get("error").asString()).isEqualTo("Invalid access token");
			assertThat(client.exitCode()).isEqualTo(3);
		}
	}

	/**
	 * One run of stomp-client.mjs; its JSON lines arrive in {@link #next()}.
	 */
	private static final class NodeClient implements AutoCloseable {

		private final Process process;

		private final BlockingQueue<JsonNode> lines = new LinkedBlockingQueue<>();

		private NodeClient(Process process) {
			this.process = process;
			Thread.ofVirtual().start(() -> {
				try (BufferedReader reader = new BufferedReader(
						new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
					String line;
					while ((line = reader.readLine()) != null) {
						this.lines.add(JSON.readTree(line));
					}
				}
				catch (IOException ex) {
					// the process ended
				}
			});
		}

		static NodeClient start(String url, String token, String destination, int count, Long resumeAfter)
				throws IOException {
			List<String> command = new ArrayList<>(
					List.of("node", "stomp-client.mjs", url, token, destination, Integer.toString(count)));
			if (resumeAfter != null) {
				command.add(Long.toString(resumeAfter));
			}
			return new NodeClient(new ProcessBuilder(command).directory(CLIENT_DIR.toFile())
				.redirectError(ProcessBuilder.Redirect.INHERIT)
				.start());
		}

		JsonNode next() throws InterruptedException {
			JsonNode line = this.lines.poll(20, TimeUnit.SECONDS);
			assertThat(line).as("a line from the stompjs client within 20 s").isNotNull();
			return line;
		}

		int exitCode() throws InterruptedException {
			assertThat(this.process.waitFor(20, TimeUnit.SECONDS)).as("the stompjs client exits").isTrue();
			return this.process.exitValue();
		}

		@Override
		public void close() {
			this.process.destroyForcibly();
		}

	}

}
