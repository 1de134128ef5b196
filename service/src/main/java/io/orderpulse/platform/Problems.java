package io.orderpulse.platform;

import java.net.URI;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

/**
 * Problem types of the API (RFC 9457). Each type is a URN so clients can switch on it
 * without resolving anything.
 */
public final class Problems {

	private static final String PREFIX = "urn:orderpulse:problem:";

	private Problems() {
	}

	/**
	 * The type URI for a problem slug such as {@code username-taken}.
	 */
	public static URI type(String slug) {
		return URI.create(PREFIX + slug);
	}

	/**
	 * A problem detail of the given status, type slug, title and detail.
	 */
	public static ProblemDetail detail(HttpStatusCode status, String slug, String title, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(type(slug));
		problem.setTitle(title);
		return problem;
	}

}
