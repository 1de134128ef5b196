package io.orderpulse.realtime;

import java.util.List;
import java.util.Map;

import io.orderpulse.IntegrationTest;
import io.orderpulse.TestApi;
import io.orderpulse.realtime.RawStompSocket.Frame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A frame with a malformed header is the client's mistake: it gets a STOMP ERROR that
 * names the header, and the server logs no stack trace.
 */
@IntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class MalformedHeaderTests {

	@Autowired
	TestApi api;

	@Test
	void aMalformedHeartBeatOnConnectGetsAnErrorNamingTheHeader(CapturedOutput output) throws Exception {
		for (String heartBeat : List.of("abc", "1", "a,b", "1,x", "-5,10", "1,2,3", "99999999999999999999,0", ",",
				" ")) {
			try (RawStompSocket socket = RawStompSocket.open(this.api.ws())) {
				socket.connect(this.api.tokenFor("bob"), heartBeat);

				Frame error = socket.next();

				assertThat(error.command()).as(heartBeat + ": " + error).isEqualTo("ERROR");
				assertThat(error.header("message") + error.body()).as(heartBeat).contains("heart-beat");
				assertThat(error.header("message")).isNotEqualTo("Server error");
				assertThat(socket.awaitClose()).isGreaterThan(1000);
			}
		}
		assertThat(output.getAll()).doesNotContain("NumberFormatException")
			.doesNotContain("ArrayIndexOutOfBounds")
			.doesNotContain("\tat org.springframework.messaging");
	}

	@Test
	void aWellFormedHeartBeatStillConnects() throws Exception {
		for (String heartBeat : List.of("0,0", "10000,10000", "0,5000")) {
			try (RawStompSocket socket = RawStompSocket.open(this.api.ws())) {
				socket.connect(this.api.tokenFor("bob"), heartBeat);

				Frame connected = socket.next();

				assertThat(connected.command()).as(heartBeat + ": " + connected).isEqualTo("CONNECTED");
			}
		}
	}

	@Test
	void otherMalformedFramesGetAProtocolErrorNotAServerError(CapturedOutput output) throws Exception {
		List<String> frames = List.of("SEND\ndestination:/app/echo\ncontent-length:abc\n\nhi\u0000",
				"SEND\ndestination:/app/echo\ncontent-length:-1\n\nhi\u0000", "TELEPORT\ndestination:/x\n\n\u0000",
				"SUBSCRIBE\nid:s1\ndestination:/user/queue/messages\nack:sometimes\n\n\u0000",
				"ACK\nid:not-a-number\n\n\u0000", "ACK\n\n\u0000");
		for (String frame : frames) {
			try (RawStompSocket socket = RawStompSocket.open(this.api.ws())) {
				socket.connect(this.api.tokenFor("bob"), "0,0");
				assertThat(socket.next().command()).isEqualTo("CONNECTED");

				socket.send(frame);

				Frame error = socket.next();
				assertThat(error.command()).as(frame + ": " + error).isEqualTo("ERROR");
				assertThat(error.header("message")).as(frame).isNotEqualTo("Server error");
			}
		}
		assertThat(output.getAll()).doesNotContain("\tat org.springframework.messaging");
		try (RawStompSocket socket = RawStompSocket.open(this.api.ws())) {
			socket.connect(this.api.tokenFor("bob"), "0,0");
			assertThat(socket.next().command()).isEqualTo("CONNECTED");
			socket.sendFrame("SUBSCRIBE", Map.of("id", "s1", "destination", "/user/queue/messages", "receipt", "r1"),
					"");
			assertThat(socket.next().command()).isEqualTo("RECEIPT");
		}
	}

}
