package io.orderpulse.messagecenter;

import java.util.List;

import io.orderpulse.platform.Problems;
import io.orderpulse.platform.Problems.FieldProblem;

import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/**
 * The errors of the message template API. Everything wrong with a template or with the
 * variables of a rendering is a 400: syntax and validation errors name the field
 * ({@code invalid-request} with {@code errors}), and a rendering that exceeds a sandbox
 * limit answers {@code template-render-timeout} or {@code template-output-too-large}.
 */
public final class TemplateProblems {

	private TemplateProblems() {
	}

	/**
	 * Missing or another organization's: both look the same.
	 */
	public static ErrorResponseException templateNotFound(long templateId) {
		return problem(HttpStatus.NOT_FOUND, "template-not-found", "Template not found",
				"Your organization has no message template " + templateId + ".");
	}

	public static ErrorResponseException nameTaken(String name) {
		return problem(HttpStatus.CONFLICT, "template-name-taken", "Template name taken",
				"Your organization already has a message template named '" + name + "'.");
	}

	public static ErrorResponseException disabled(long templateId) {
		return problem(HttpStatus.CONFLICT, "template-disabled", "Template disabled",
				"Message template " + templateId + " is disabled: enable it to send with it.");
	}

	public static ErrorResponseException renderTimeout(String detail) {
		return problem(HttpStatus.BAD_REQUEST, "template-render-timeout", "Template rendering took too long", detail);
	}

	public static ErrorResponseException outputTooLarge(String detail) {
		return problem(HttpStatus.BAD_REQUEST, "template-output-too-large", "Template rendering produced too much",
				detail);
	}

	public static ErrorResponseException invalid(String field, String message) {
		return invalid(List.of(new FieldProblem(field, message)));
	}

	/**
	 * 400 naming each bad field, like the platform's validation problems.
	 */
	public static ErrorResponseException invalid(List<FieldProblem> errors) {
		return Problems.invalidFields(errors);
	}

	private static ErrorResponseException problem(HttpStatus status, String slug, String title, String detail) {
		return new ErrorResponseException(status, Problems.detail(status, slug, title, detail), null);
	}

}
