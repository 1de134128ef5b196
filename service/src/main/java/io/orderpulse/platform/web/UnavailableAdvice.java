package io.orderpulse.platform.web;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * An engine that cannot be reached (Redis in cluster mode, the database) is a 503 that
 * says to retry, not a 500: nothing is wrong with the request, and the service recovers
 * by itself when the engine returns. A database that is down shows as any of these: no
 * connection within Hikari's {@code connection-timeout} (a transaction that cannot begin,
 * or a query outside one), or a connection that broke under a query (then the rollback
 * fails too, and its {@link TransactionSystemException} stands for the failed query).
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class UnavailableAdvice {

	private static final Logger log = LoggerFactory.getLogger(UnavailableAdvice.class);

	@ExceptionHandler({ DataAccessResourceFailureException.class, QueryTimeoutException.class,
			TransientDataAccessResourceException.class, CannotCreateTransactionException.class })
	ResponseEntity<ProblemDetail> unavailable(RuntimeException ex) {
		log.warn("Answering 503: {}", ex.toString());
		return response();
	}

	/**
	 * A transaction whose connection broke: the query failed and so did the rollback.
	 * Anything else stays a 500.
	 */
	@ExceptionHandler(TransactionSystemException.class)
	ResponseEntity<ProblemDetail> transactionFailed(TransactionSystemException ex) {
		if (!isUnavailable(ex)) {
			throw ex;
		}
		log.warn("Answering 503: {} ({})", ex.toString(), String.valueOf(ex.getApplicationException()));
		return response();
	}

	/**
	 * Whether an exception says that an engine cannot be reached: it, its cause or (for a
	 * failed rollback) the exception that caused the rollback is one of the handled ones,
	 * or a JDBC connection error (SQL state class 08).
	 */
	static boolean isUnavailable(Throwable ex) {
		for (Throwable current = ex; current != null; current = current.getCause()) {
			if (current instanceof DataAccessResourceFailureException || current instanceof QueryTimeoutException
					|| current instanceof TransientDataAccessResourceException
					|| current instanceof CannotCreateTransactionException
					|| current instanceof SQLTransientConnectionException
					|| current instanceof SQLNonTransientConnectionException || (current instanceof SQLException sql
							&& sql.getSQLState() != null && sql.getSQLState().startsWith("08"))) {
				return true;
			}
			if (current instanceof TransactionSystemException failed && failed.getApplicationException() != null
					&& isUnavailable(failed.getApplicationException())) {
				return true;
			}
			if (current.getCause() == current) {
				break;
			}
		}
		return false;
	}

	static ResponseEntity<ProblemDetail> response() {
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
			.header(HttpHeaders.RETRY_AFTER, "5")
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(ProblemDetails.of(HttpStatus.SERVICE_UNAVAILABLE, "service-unavailable", "Service unavailable",
					"A backing service is unavailable: retry in 5 s."));
	}

}
