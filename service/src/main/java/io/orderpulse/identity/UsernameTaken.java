package io.orderpulse.identity;

import io.orderpulse.platform.Problems;

import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/**
 * A username that another user already has (usernames are unique in their normal form:
 * NFKC, regardless of case, see {@link Usernames}).
 */
public class UsernameTaken extends ErrorResponseException {

	public UsernameTaken(String username) {
		super(HttpStatus.CONFLICT, Problems.detail(HttpStatus.CONFLICT, "username-taken", "Username taken",
				"The username '" + username + "' is taken."), null);
	}

}
