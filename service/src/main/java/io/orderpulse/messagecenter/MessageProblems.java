package io.orderpulse.messagecenter;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.orderpulse.platform.Problems;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * The errors of the message center API.
 */
public final class MessageProblems {

	private MessageProblems() {
	}

	/**
	 * Missing, expired, deleted by the caller, or not addressed to the caller (another
	 * organization's messages included): all look the same.
	 */
	public static ErrorResponseException messageNotFound(long messageId) {
		return new ErrorResponseException(HttpStatus.NOT_FOUND, Problems.detail(HttpStatus.NOT_FOUND,
				"message-not-found", "Message not found", "You have no message " + messageId + "."), null);
	}

	public static ErrorResponseException organizationNotFound(long orgId) {
		return new ErrorResponseException(HttpStatus.NOT_FOUND,
				Problems.detail(HttpStatus.NOT_FOUND, "organization-not-found", "Organization not found",
						"Organization " + orgId + " is not yours: send to your own organization."),
				null);
	}

	public static ErrorResponseException platformAdminRequired() {
		return new ErrorResponseException(HttpStatus.FORBIDDEN,
				Problems.detail(HttpStatus.FORBIDDEN, "platform-admin-required", "Platform administrator required",
						"Only a platform administrator may broadcast to ALL_USERS; broadcast to your ORGANIZATION."),
				null);
	}

	public static ErrorResponseException invalidCursor() {
		return new ErrorResponseException(HttpStatus.BAD_REQUEST, Problems.detail(HttpStatus.BAD_REQUEST,
				"invalid-cursor", "Invalid cursor", "Pass as 'after' a nextCursor this API returned."), null);
	}

	/**
	 * 400 naming the field, like the platform's validation problems.
	 */
	public static ErrorResponseException invalidField(String field, String message) {
		ProblemDetail problem = Problems.detail(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request",
				"Invalid field(s): " + field + ".");
		problem.setProperty("errors", List.of(Map.of("field", field, "message", message)));
		return new ErrorResponseException(HttpStatus.BAD_REQUEST, problem, null);
	}

	public static ErrorResponseException tooManyMessages(Duration wait) {
		return Problems.tooManyRequests("too-many-messages", "Too many messages", "You sent too many messages", wait);
	}

}
