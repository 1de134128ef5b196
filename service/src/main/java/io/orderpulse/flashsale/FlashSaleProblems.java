package io.orderpulse.flashsale;

import java.util.List;

import io.orderpulse.platform.Problems;
import io.orderpulse.platform.Problems.FieldProblem;

import org.springframework.http.HttpStatus;
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
		return Problems.invalidFields(errors);
	}

	private static ErrorResponseException problem(HttpStatus status, String slug, String title, String detail) {
		return Problems.refusal(status, slug, title, detail);
	}

}
