package io.orderpulse.identity;

import io.orderpulse.platform.Problems;

import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/**
 * A group name already used in the organization.
 */
public class GroupNameTaken extends ErrorResponseException {

	public GroupNameTaken(String name) {
		super(HttpStatus.CONFLICT, Problems.detail(HttpStatus.CONFLICT, "group-name-taken", "Group name taken",
				"Your organization already has a group named '" + name + "'."), null);
	}

}
