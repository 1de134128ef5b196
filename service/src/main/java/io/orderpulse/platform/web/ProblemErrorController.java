package io.orderpulse.platform.web;

import java.net.URI;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.webmvc.error.ErrorAttributes;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.ServletWebRequest;

/**
 * Renders errors that never reached a controller advice (container errors, exceptions
 * thrown in filters, unexpected failures) as problem details too, without stack traces or
 * exception messages.
 */
@RestController
@ConditionalOnWebApplication(type = Type.SERVLET)
class ProblemErrorController implements ErrorController {

	private final ErrorAttributes errorAttributes;

	ProblemErrorController(ErrorAttributes errorAttributes) {
		this.errorAttributes = errorAttributes;
	}

	@RequestMapping(path = "${server.error.path:/error}", produces = { MediaType.APPLICATION_PROBLEM_JSON_VALUE,
			MediaType.APPLICATION_JSON_VALUE, MediaType.ALL_VALUE })
	ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
		HttpStatus status = status(request);
		Throwable error = this.errorAttributes.getError(new ServletWebRequest(request));
		if (error instanceof RequestBodyTooLarge tooLarge) {
			return respond(ProblemDetails.payloadTooLarge(tooLarge.limit()));
		}
		if (error != null && UnavailableAdvice.isUnavailable(error)) {
			return UnavailableAdvice.response();
		}
		ProblemDetail problem = ProblemDetails.of(status, status.is5xxServerError() ? "server-error" : "request-error",
				status.getReasonPhrase(),
				status.is5xxServerError() ? "The server could not complete the request." : status.getReasonPhrase());
		Object path = request.getAttribute("jakarta.servlet.error.request_uri");
		if (path instanceof String uri) {
			problem.setInstance(URI.create(uri));
		}
		return respond(problem);
	}

	private static ResponseEntity<ProblemDetail> respond(ProblemDetail problem) {
		return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}

	private static HttpStatus status(HttpServletRequest request) {
		Object code = request.getAttribute("jakarta.servlet.error.status_code");
		if (code instanceof Integer value) {
			HttpStatus status = HttpStatus.resolve(value);
			if (status != null) {
				return status;
			}
		}
		return HttpStatus.INTERNAL_SERVER_ERROR;
	}

}
