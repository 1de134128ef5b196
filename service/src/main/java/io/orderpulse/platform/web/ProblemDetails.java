package io.orderpulse.platform.web;

import java.util.List;

import io.orderpulse.platform.Problems;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * The problem details this package produces itself.
 */
final class ProblemDetails {

	private ProblemDetails() {
	}

	static ProblemDetail payloadTooLarge(long limit) {
		return of(HttpStatus.CONTENT_TOO_LARGE, "payload-too-large", "Request body too large",
				"The request body exceeds the limit of " + limit + " bytes.");
	}

	static ProblemDetail invalidFields(List<FieldProblem> errors) {
		String fields = String.join(", ", errors.stream().map(FieldProblem::field).distinct().toList());
		ProblemDetail problem = of(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request",
				"Invalid field(s): " + fields + ".");
		problem.setProperty("errors", errors);
		return problem;
	}

	static ProblemDetail malformedBody(String detail) {
		return of(HttpStatus.BAD_REQUEST, "malformed-body", "Malformed request body", detail);
	}

	static ProblemDetail of(HttpStatus status, String slug, String title, String detail) {
		return Problems.detail(status, slug, title, detail);
	}

	/**
	 * One rejected field of a request.
	 */
	record FieldProblem(String field, String message) {
	}

}
