package io.orderpulse.identity;

import io.orderpulse.platform.Problems;

import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/**
 * An administrator tried to disable, delete or change the roles of its own account, which
 * could leave the organization without an administrator. Another ADMIN may do it.
 */
public class OwnAccount extends ErrorResponseException {

	OwnAccount() {
		super(HttpStatus.CONFLICT, Problems.detail(HttpStatus.CONFLICT, "own-account", "Own account",
				"You may not disable, delete or change the roles of your own account: ask another administrator."),
				null);
	}

}
