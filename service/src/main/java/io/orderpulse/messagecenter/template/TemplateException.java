package io.orderpulse.messagecenter.template;

/**
 * A template that cannot be compiled or rendered, or a rendering that exceeded a limit.
 */
public final class TemplateException extends RuntimeException {

	private final Kind kind;

	TemplateException(Kind kind, String message) {
		super(message, null, false, false);
		this.kind = kind;
	}

	public Kind kind() {
		return this.kind;
	}

	/**
	 * What went wrong.
	 */
	public enum Kind {

		/** The template does not follow the syntax. */
		SYNTAX,
		/** Rendering failed (for example a date filter on a value that is no date). */
		RENDER,
		/** Rendering ran out of time. */
		TIMEOUT,
		/** Rendering produced too much text. */
		OUTPUT

	}

}
