package io.orderpulse.platform.web;

import java.util.List;

import io.orderpulse.platform.Problems;
import io.orderpulse.platform.Problems.FieldProblem;

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
		return Problems.invalidFieldsDetail(errors);
	}

	static ProblemDetail malformedBody(String detail) {
		return of(HttpStatus.BAD_REQUEST, "malformed-body", "Malformed request body", detail);
	}

	static ProblemDetail of(HttpStatus status, String slug, String title, String detail) {
		return Problems.detail(status, slug, title, detail);
	}

}
