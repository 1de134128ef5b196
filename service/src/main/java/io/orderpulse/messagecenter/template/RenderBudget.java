package io.orderpulse.messagecenter.template;

import java.time.Duration;

/**
 * Time and output left to one rendering (title and content together). Every write and
 * every step of a loop checks it, so a rendering stops as soon as it passes a limit
 * rather than after it has built its whole text.
 */
final class RenderBudget {

	private final long deadline;

	private final Duration timeout;

	private final long maxOutput;

	private long outputLeft;

	RenderBudget(long maxOutput, Duration timeout) {
		this.deadline = System.nanoTime() + timeout.toNanos();
		this.timeout = timeout;
		this.maxOutput = maxOutput;
		this.outputLeft = maxOutput;
	}

	/**
	 * @throws TemplateException of kind TIMEOUT when the time is up
	 */
	void tick() {
		if (System.nanoTime() - this.deadline > 0) {
			throw new TemplateException(TemplateException.Kind.TIMEOUT,
					"Rendering took longer than " + this.timeout.toMillis() + " ms and was stopped.");
		}
	}

	/**
	 * Takes characters about to be written from the budget.
	 * @throws TemplateException of kind OUTPUT when they would pass the output limit
	 * (nothing is taken then), of kind TIMEOUT when the time is up
	 */
	void take(long chars) {
		if (chars > this.outputLeft) {
			throw tooLarge(this.maxOutput);
		}
		this.outputLeft -= chars;
		tick();
	}

	long maxOutput() {
		return this.maxOutput;
	}

	static TemplateException tooLarge(long maxOutput) {
		return new TemplateException(TemplateException.Kind.OUTPUT,
				"Rendering produced more than " + maxOutput + " characters and was stopped.");
	}

}
