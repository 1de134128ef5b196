package io.orderpulse.platform.web;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * An engine that cannot be reached (Redis in cluster mode, the database) is a 503 that
 * says to retry, not a 500: nothing is wrong with the request, and the service recovers
 * by itself when the engine returns.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class UnavailableAdvice {

	private static final Logger log = LoggerFactory.getLogger(UnavailableAdvice.class);

	@ExceptionHandler({ DataAccessResourceFailureException.class, QueryTimeoutException.class })
	ResponseEntity<ProblemDetail> unavailable(RuntimeException ex) {
		log.warn("Answering 503: {}", ex.toString());
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
			.header(HttpHeaders.RETRY_AFTER, "5")
			.body(ProblemDetails.of(HttpStatus.SERVICE_UNAVAILABLE, "service-unavailable", "Service unavailable",
					"A backing service is unavailable: retry in 5 s."));
	}

}
