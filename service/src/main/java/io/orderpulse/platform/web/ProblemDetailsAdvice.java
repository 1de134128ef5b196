package io.orderpulse.platform.web;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import io.orderpulse.platform.Problems.FieldProblem;
import jakarta.validation.ConstraintViolationException;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;

import org.springframework.beans.TypeMismatchException;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Turns the MVC exceptions of bad input into problem details that name each bad field.
 * Every other MVC exception (404, 405, 415, ...) gets Spring's standard problem detail
 * from the base class; errors outside MVC reach {@link ProblemErrorController}.
 */
@RestControllerAdvice
class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

	@Override
	protected @Nullable ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<FieldProblem> errors = new ArrayList<>();
		for (FieldError error : ex.getBindingResult().getFieldErrors()) {
			errors.add(new FieldProblem(error.getField(), message(error)));
		}
		ex.getBindingResult()
			.getGlobalErrors()
			.forEach((error) -> errors.add(new FieldProblem(error.getObjectName(), message(error))));
		return ResponseEntity.badRequest().body(ProblemDetails.invalidFields(errors));
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleHandlerMethodValidationException(
			HandlerMethodValidationException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<FieldProblem> errors = ex.getParameterValidationResults()
			.stream()
			.flatMap((result) -> result.getResolvableErrors()
				.stream()
				.map((error) -> new FieldProblem(result.getMethodParameter().getParameterName() + "", message(error))))
			.toList();
		return ResponseEntity.badRequest().body(ProblemDetails.invalidFields(errors));
	}

	/**
	 * Method validation through {@code @Validated} proxies (outside MVC's own parameter
	 * validation) names each parameter too.
	 */
	@ExceptionHandler(ConstraintViolationException.class)
	ResponseEntity<Object> handleConstraintViolation(ConstraintViolationException ex) {
		List<FieldProblem> errors = ex.getConstraintViolations()
			.stream()
			.map((violation) -> new FieldProblem(lastNode(violation.getPropertyPath().toString()),
					violation.getMessage()))
			.toList();
		return ResponseEntity.badRequest().body(ProblemDetails.invalidFields(errors));
	}

	/**
	 * A query parameter or path variable that does not convert (a date that is not a
	 * date, an unknown enum value) names the parameter.
	 */
	@Override
	protected @Nullable ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
			HttpStatusCode status, WebRequest request) {
		String name = (ex.getPropertyName() != null) ? ex.getPropertyName() : "request";
		return ResponseEntity.badRequest()
			.body(ProblemDetails
				.invalidFields(List.of(new FieldProblem(name, "cannot accept '" + ex.getValue() + "'"))));
	}

	private static String lastNode(String path) {
		int dot = path.lastIndexOf('.');
		return (dot >= 0) ? path.substring(dot + 1) : path;
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		Throwable cause = ex.getCause();
		while (cause != null) {
			if (cause instanceof RequestBodyTooLarge tooLarge) {
				return ResponseEntity.status(413).body(ProblemDetails.payloadTooLarge(tooLarge.limit()));
			}
			if (cause instanceof NulCharacter nul) {
				String field = path(nul);
				return ResponseEntity.badRequest()
					.body(ProblemDetails.invalidFields(
							List.of(new FieldProblem(field.isEmpty() ? "body" : field, NulCharacter.MESSAGE))));
			}
			if (cause instanceof InvalidFormatException invalid) {
				return ResponseEntity.badRequest()
					.body(ProblemDetails.invalidFields(List.of(new FieldProblem(path(invalid),
							"cannot accept '" + invalid.getValue() + "'" + allowedValues(invalid)))));
			}
			if (cause instanceof MismatchedInputException mismatched && !mismatched.getPath().isEmpty()) {
				return ResponseEntity.badRequest()
					.body(ProblemDetails.invalidFields(List.of(new FieldProblem(path(mismatched),
							"has the wrong type, expected " + typeName(mismatched.getTargetType())))));
			}
			if (cause instanceof StreamReadException) {
				return ResponseEntity.badRequest().body(ProblemDetails.malformedBody("The body is not valid JSON."));
			}
			cause = cause.getCause();
		}
		return ResponseEntity.badRequest()
			.body(ProblemDetails.malformedBody("The request body is missing or unreadable."));
	}

	private static String message(MessageSourceResolvable error) {
		String message = error.getDefaultMessage();
		return (message != null) ? message : "is invalid";
	}

	private static String path(JacksonException ex) {
		return ex.getPath()
			.stream()
			.map((ref) -> (ref.getPropertyName() != null) ? ref.getPropertyName() : "[" + ref.getIndex() + "]")
			.collect(Collectors.joining("."))
			.replace(".[", "[");
	}

	private static String allowedValues(InvalidFormatException ex) {
		Class<?> type = ex.getTargetType();
		if (type != null && type.isEnum()) {
			Object[] constants = type.getEnumConstants();
			List<String> names = new ArrayList<>();
			for (Object constant : constants) {
				names.add(((Enum<?>) constant).name());
			}
			return ", allowed values: " + String.join(", ", names);
		}
		return ", expected " + typeName(type);
	}

	private static String typeName(@Nullable Class<?> type) {
		if (type == null) {
			return "another type";
		}
		if (Number.class.isAssignableFrom(type) || (type.isPrimitive() && type != boolean.class)) {
			return "a number";
		}
		if (type == Boolean.class || type == boolean.class) {
			return "a boolean";
		}
		if (type == String.class) {
			return "a string";
		}
		if (type.isArray() || Iterable.class.isAssignableFrom(type)) {
			return "an array";
		}
		return "an object";
	}

}
