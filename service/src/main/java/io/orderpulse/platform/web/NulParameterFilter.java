package io.orderpulse.platform.web;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.orderpulse.platform.Problems.FieldProblem;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses U+0000 in the request's path and parameters (query string and form posts) with
 * a 400 naming the parameter, before any code can pass it on to PostgreSQL, which refuses
 * that character in text (a 500 otherwise). JSON bodies are checked as they are read
 * ({@link NulRefusingModule}).
 */
class NulParameterFilter extends OncePerRequestFilter {

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String field = offending(request);
		if (field != null) {
			ProblemResponses.write(response,
					ProblemDetails.invalidFields(List.of(new FieldProblem(field, NulCharacter.MESSAGE))));
			return;
		}
		chain.doFilter(request, response);
	}

	private static @Nullable String offending(HttpServletRequest request) {
		if (request.getRequestURI().toLowerCase(Locale.ROOT).contains("%00")) {
			return "path";
		}
		for (Map.Entry<String, String[]> parameter : request.getParameterMap().entrySet()) {
			if (parameter.getKey().indexOf('\0') >= 0) {
				return "parameter name";
			}
			for (String value : parameter.getValue()) {
				if (value != null && value.indexOf('\0') >= 0) {
					return parameter.getKey();
				}
			}
		}
		return null;
	}

}
