package io.orderpulse.bench.tool;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StompDecoderTests {

	private final StompDecoder decoder = new StompDecoder();

	@Test
	void parsesAMessageWithHeadersAndBody() {
		List<StompFrame> frames = this.decoder.decode("MESSAGE\ndestination:/user/queue/messages\nx-seq:7\n"
				+ "x-event-id:0b1c\ncontent-type:application/json\n\n{\"benchId\":\"r1-3\",\"dueAt\":1700}\0");

		assertThat(frames).hasSize(1);
		StompFrame frame = frames.get(0);
		assertThat(frame.command()).isEqualTo("MESSAGE");
		assertThat(frame.header("x-seq")).isEqualTo("7");
		assertThat(frame.header("x-event-id")).isEqualTo("0b1c");
		assertThat(frame.body()).isEqualTo("{\"benchId\":\"r1-3\",\"dueAt\":1700}");
	}

	@Test
	void splitsSeveralFramesAndSkipsHeartBeats() {
		List<StompFrame> frames = this.decoder.decode("\nRECEIPT\nreceipt-id:ready\n\n\0\n\nMESSAGE\nx-seq:1\n\nA\0");

		assertThat(frames).extracting(StompFrame::command).containsExactly("RECEIPT", "MESSAGE");
		assertThat(this.decoder.decode("\n")).isEmpty();
	}

	@Test
	void keepsAPartialFrameForTheNextMessage() {
		assertThat(this.decoder.decode("MESSAGE\nx-se")).isEmpty();

		List<StompFrame> frames = this.decoder.decode("q:2\n\nbody\0CONN");

		assertThat(frames).singleElement().satisfies((frame) -> {
			assertThat(frame.header("x-seq")).isEqualTo("2");
			assertThat(frame.body()).isEqualTo("body");
		});
		assertThat(this.decoder.decode("ECTED\nversion:1.2\n\n\0")).extracting(StompFrame::command)
			.containsExactly("CONNECTED");
	}

	@Test
	void firstRepeatedHeaderWinsAndEscapesAreDecoded() {
		StompFrame frame = this.decoder.decode("ERROR\nmessage:a\\cb\\nc\nmessage:second\n\n\0").get(0);

		assertThat(frame.header("message")).isEqualTo("a:b\nc");
	}

	@Test
	void encodesAFrameWithEscapedHeaders() {
		String encoded = StompFrame.encode("CONNECT", "", "accept-version", "1.2", "heart-beat", "0,0", "x", "a:b");

		assertThat(encoded).isEqualTo("CONNECT\naccept-version:1.2\nheart-beat:0,0\nx:a\\cb\n\n\0");
		assertThat(this.decoder.decode(encoded).get(0).header("x")).isEqualTo("a:b");
	}

}
