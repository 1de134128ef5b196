package io.orderpulse.platform.web;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * A JSON string (a value or a property name) of a request held U+0000. PostgreSQL refuses
 * that character in text, so it would fail as a server error wherever it reached the
 * database; it is refused while the body is read, with the path of the field, and
 * answered as a 400 naming it.
 */
final class NulCharacter extends MismatchedInputException {

	private static final long serialVersionUID = 1L;

	static final String MESSAGE = "must not contain the NUL character (U+0000)";

	NulCharacter(@Nullable JsonParser parser) {
		super(parser, MESSAGE, String.class);
	}

}
