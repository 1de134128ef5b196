package io.orderpulse.messagecenter.template;

import java.io.StringWriter;
import java.time.Duration;

import io.orderpulse.messagecenter.template.TemplateException.Kind;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The writer a rendering writes into: it passes text on up to the output limit and
 * refuses the first chunk that would pass it, before that chunk is written.
 */
class BoundedWriterTests {

	final StringWriter out = new StringWriter();

	final RenderBudget budget = new RenderBudget(10, Duration.ofMinutes(1));

	final BoundedWriter writer = new BoundedWriter(this.out, this.budget);

	@Test
	void passesTextOnUpToTheLimit() throws Exception {
		this.writer.write("abc");
		this.writer.write(new char[] { 'd', 'e' }, 0, 2);
		this.writer.write('f');
		this.writer.append("gh").append("xijx", 1, 3);
		assertThat(this.out).hasToString("abcdefghij");
	}

	@Test
	void refusesTheChunkThatWouldPassTheLimitBeforeWritingIt() throws Exception {
		this.writer.write("0123456");
		assertThatExceptionOfType(TemplateException.class).isThrownBy(() -> this.writer.write("7890"))
			.satisfies((ex) -> {
				assertThat(ex.kind()).isEqualTo(Kind.OUTPUT);
				assertThat(ex.getMessage()).isEqualTo("Rendering produced more than 10 characters and was stopped.");
			});
		assertThat(this.out).hasToString("0123456");
		// what is left still fits
		this.writer.write("789");
		assertThat(this.out).hasToString("0123456789");
	}

	@Test
	void countsEveryKindOfWrite() {
		assertThatExceptionOfType(TemplateException.class).isThrownBy(() -> {
			for (int i = 0; i < 11; i++) {
				this.writer.write('x');
			}
		});
		assertThat(this.out).hasToString("x".repeat(10));
		assertThatExceptionOfType(TemplateException.class).isThrownBy(() -> this.writer.write(new char[100], 0, 100));
		assertThatExceptionOfType(TemplateException.class).isThrownBy(() -> this.writer.append("y"));
		assertThat(this.out).hasToString("x".repeat(10));
	}

	@Test
	void sharesOneBudgetBetweenWriters() throws Exception {
		StringWriter title = new StringWriter();
		new BoundedWriter(title, this.budget).write("title");
		assertThatExceptionOfType(TemplateException.class).isThrownBy(() -> this.writer.write("content!"));
		assertThat(this.out).hasToString("");
	}

}
