package io.orderpulse.platform.web;

import java.io.IOException;

/**
 * Thrown while reading a request body (of unknown length up front) that exceeds the
 * limit.
 */
class RequestBodyTooLarge extends IOException {

	private final long limit;

	RequestBodyTooLarge(long limit) {
		super("Request body exceeds the limit of " + limit + " bytes");
		this.limit = limit;
	}

	long limit() {
		return this.limit;
	}

}
