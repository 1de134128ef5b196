package io.orderpulse.flashsale;

import java.util.List;

import io.orderpulse.platform.Problems;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * The flash sale's problems, each with its own type so clients can tell them apart.
 */
public final class FlashSaleProblems {

	private FlashSaleProblems() {
	}

	public static ErrorResponseException soldOut(long itemId) {
		return problem(HttpStatus.CONFLICT, "flash-sale-sold-out", "Sold out",
				"Flash-sale item " + itemId + " is sold out.");
	}

	public static ErrorResponseException alreadyPurchased(long itemId) {
		return problem(HttpStatus.CONFLICT, "flash-sale-already-purchased", "Already purchased",
				"You already bought flash-sale item " + itemId + ": one per customer.");
	}

	public static ErrorResponseException notActive(long itemId, String why) {
		return problem(HttpStatus.CONFLICT, "flash-sale-not-active", "Flash sale not active",
				"The flash sale of item " + itemId + " " + why + ".");
	}

	public static ErrorResponseException itemNotFound(long itemId) {
		return problem(HttpStatus.NOT_FOUND, "flash-sale-item-not-found", "Flash-sale item not found",
				"There is no flash-sale item " + itemId + ".");
	}

	/**
	 * 400 naming each bad field, like the platform's validation problems.
	 */
	public static ErrorResponseException invalid(List<FieldProblem> errors) {
		String fields = String.join(", ", errors.stream().map(FieldProblem::field).distinct().toList());
		ProblemDetail problem = Problems.detail(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request",
				"Invalid field(s): " + fields + ".");
		problem.setProperty("errors", errors);
		return new ErrorResponseException(HttpStatus.BAD_REQUEST, problem, null);
	}

	private static ErrorResponseException problem(HttpStatus status, String slug, String title, String detail) {
		return new ErrorResponseException(status, Problems.detail(status, slug, title, detail), null);
	}

	/**
	 * One rejected field.
	 */
	public record FieldProblem(String field, String message) {
	}

}
