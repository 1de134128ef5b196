package io.orderpulse.platform;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * Problem types of the API (RFC 9457). Each type is a URN so clients can switch on it
 * without resolving anything.
 */
public final class Problems {

	private static final String PREFIX = "urn:orderpulse:problem:";

	private Problems() {
	}

	/**
	 * The type URI for a problem slug such as {@code username-taken}.
	 */
	public static URI type(String slug) {
		return URI.create(PREFIX + slug);
	}

	/**
	 * A 429 with a {@code Retry-After} header of whole seconds (at least one);
	 * {@code detail} is completed with "retry in N s.".
	 */
	public static ErrorResponseException tooManyRequests(String slug, String title, String detail, Duration wait) {
		long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
		ErrorResponseException ex = new ErrorResponseException(HttpStatus.TOO_MANY_REQUESTS,
				detail(HttpStatus.TOO_MANY_REQUESTS, slug, title, detail + ": retry in " + seconds + " s."), null);
		ex.getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
		return ex;
	}

	/**
	 * A 503 {@code service-unavailable} with a {@code Retry-After} header of whole
	 * seconds (at least one), carrying no stack trace (an overload answers many of
	 * these); {@code detail} is completed with "retry in N s.".
	 */
	public static ErrorResponseException serviceUnavailable(String detail, Duration wait) {
		long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
		ErrorResponseException ex = new Refusal(HttpStatus.SERVICE_UNAVAILABLE, detail(HttpStatus.SERVICE_UNAVAILABLE,
				"service-unavailable", "Service unavailable", detail + ": retry in " + seconds + " s."));
		ex.getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
		return ex;
	}

	/**
	 * A 400 {@code invalid-request} naming one field, shaped like the answers to bean
	 * validation failures ({@code errors: [{field, message}]}).
	 */
	public static ErrorResponseException invalidField(String field, String message) {
		return invalidFields(List.of(new FieldProblem(field, message)));
	}

	/**
	 * A 400 {@code invalid-request} naming each rejected field.
	 */
	public static ErrorResponseException invalidFields(List<FieldProblem> errors) {
		return new ErrorResponseException(HttpStatus.BAD_REQUEST, invalidFieldsDetail(errors), null);
	}

	/**
	 * The problem detail of {@link #invalidFields(List)}.
	 */
	public static ProblemDetail invalidFieldsDetail(List<FieldProblem> errors) {
		String fields = String.join(", ", errors.stream().map(FieldProblem::field).distinct().toList());
		ProblemDetail problem = detail(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request",
				"Invalid field(s): " + fields + ".");
		problem.setProperty("errors", errors);
		return problem;
	}

	/**
	 * An expected refusal (sold out, already bought): a problem that carries no stack
	 * trace. A flash sale answers tens of thousands of these a second, filling the stack
	 * of a servlet request (about 150 frames deep) is costly
	 * (docs/decisions/0007-cheaper-request-path.md), and the trace would always show the
	 * same call.
	 */
	public static ErrorResponseException refusal(HttpStatus status, String slug, String title, String detail) {
		return new Refusal(status, detail(status, slug, title, detail));
	}

	/**
	 * A problem detail of the given status, type slug, title and detail.
	 */
	public static ProblemDetail detail(HttpStatusCode status, String slug, String title, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(type(slug));
		problem.setTitle(title);
		return problem;
	}

	/**
	 * One rejected field of a request.
	 */
	public record FieldProblem(String field, String message) {
	}

	private static final class Refusal extends ErrorResponseException {

		private static final long serialVersionUID = 1L;

		Refusal(HttpStatus status, ProblemDetail body) {
			super(status, body, null);
		}

		@Override
		public synchronized Throwable fillInStackTrace() {
			return this;
		}

	}

}
