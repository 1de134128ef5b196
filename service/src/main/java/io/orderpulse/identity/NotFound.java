package io.orderpulse.identity;

import io.orderpulse.platform.Problems;

import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/**
 * Something that does not exist in the caller's organization. Another tenant's data is
 * reported the same way as missing data, so ids of other tenants reveal nothing.
 */
public class NotFound extends ErrorResponseException {

	private NotFound(String slug, String title, String detail) {
		super(HttpStatus.NOT_FOUND, Problems.detail(HttpStatus.NOT_FOUND, slug, title, detail), null);
	}

	public static NotFound user(long userId) {
		return new NotFound("user-not-found", "User not found",
				"There is no user " + userId + " in your organization.");
	}

	public static NotFound group(long groupId) {
		return new NotFound("group-not-found", "Group not found",
				"There is no group " + groupId + " in your organization.");
	}

	public static NotFound member(long groupId, long userId) {
		return new NotFound("member-not-found", "Member not found",
				"User " + userId + " is not a member of group " + groupId + ".");
	}

}
