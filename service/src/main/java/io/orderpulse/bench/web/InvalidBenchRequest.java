package io.orderpulse.bench.web;

import java.util.List;
import java.util.Map;

import io.orderpulse.platform.Problems;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A benchmark request whose fields do not fit together; answered like every other invalid
 * request, naming the field.
 */
class InvalidBenchRequest extends ErrorResponseException {

	InvalidBenchRequest(String field, String message) {
		super(HttpStatus.BAD_REQUEST, problem(field, message), null);
	}

	private static ProblemDetail problem(String field, String message) {
		ProblemDetail problem = Problems.detail(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request",
				"Invalid field(s): " + field + ".");
		problem.setProperty("errors", List.of(Map.of("field", field, "message", message)));
		return problem;
	}

}
