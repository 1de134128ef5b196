package io.orderpulse.messagecenter.template;

import java.io.IOException;
import java.io.Writer;

/**
 * A writer that takes every chunk from a {@link RenderBudget} before passing it on: a
 * chunk that would pass the output limit is refused with a {@link TemplateException} of
 * kind {@code OUTPUT} and never reaches the underlying writer, so the text built never
 * exceeds the limit. (Pebble's own {@code maxRenderedSize} does the same per template;
 * this one shares one budget between a message's title and content, and checks the time
 * too.)
 */
final class BoundedWriter extends Writer {

	private final Writer out;

	private final RenderBudget budget;

	BoundedWriter(Writer out, RenderBudget budget) {
		this.out = out;
		this.budget = budget;
	}

	@Override
	public void write(int c) throws IOException {
		this.budget.take(1);
		this.out.write(c);
	}

	@Override
	public void write(char[] chars, int offset, int length) throws IOException {
		this.budget.take(length);
		this.out.write(chars, offset, length);
	}

	@Override
	public void write(String text, int offset, int length) throws IOException {
		this.budget.take(length);
		this.out.write(text, offset, length);
	}

	@Override
	public Writer append(CharSequence text) throws IOException {
		CharSequence chars = (text != null) ? text : "null";
		return append(chars, 0, chars.length());
	}

	@Override
	public Writer append(CharSequence text, int start, int end) throws IOException {
		CharSequence chars = (text != null) ? text : "null";
		this.budget.take(end - start);
		this.out.append(chars, start, end);
		return this;
	}

	@Override
	public void flush() throws IOException {
		this.out.flush();
	}

	@Override
	public void close() throws IOException {
		this.out.close();
	}

}
