package io.orderpulse.routing;

import java.util.List;

import io.orderpulse.platform.Problems;
import io.orderpulse.platform.Problems.FieldProblem;

import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/**
 * The errors of the routing API.
 */
public final class RoutingProblems {

	private RoutingProblems() {
	}

	/**
	 * No rule by that id in the caller's organization (another organization's rules look
	 * the same).
	 */
	public static ErrorResponseException ruleNotFound(long id) {
		return new ErrorResponseException(HttpStatus.NOT_FOUND, Problems.detail(HttpStatus.NOT_FOUND, "route-not-found",
				"Routing rule not found", "There is no routing rule " + id + " in your organization."), null);
	}

	public static ErrorResponseException deliveryNotFound(long id) {
		return new ErrorResponseException(HttpStatus.NOT_FOUND, Problems.detail(HttpStatus.NOT_FOUND,
				"delivery-not-found", "Delivery not found", "There is no delivery " + id + " in your organization."),
				null);
	}

	public static ErrorResponseException quietHoursNotFound() {
		return new ErrorResponseException(HttpStatus.NOT_FOUND, Problems.detail(HttpStatus.NOT_FOUND,
				"quiet-hours-not-found", "No quiet hours", "No quiet hours are set."), null);
	}

	/**
	 * A 400 naming each bad field, when there are any.
	 */
	public static void rejectIfAny(List<FieldProblem> problems) {
		if (!problems.isEmpty()) {
			throw Problems.invalidFields(problems);
		}
	}

}
