package io.orderpulse.catalog;

import io.orderpulse.platform.Problems;

import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/**
 * A merchant whose account is not linked to a shop of its organization, so it has no
 * products to manage.
 */
public class NoShop extends ErrorResponseException {

	public NoShop() {
		super(HttpStatus.FORBIDDEN,
				Problems.detail(HttpStatus.FORBIDDEN, "no-shop", "No shop", "Your account is not linked to a shop."),
				null);
	}

}
