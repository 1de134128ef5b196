package io.orderpulse.ordering;

/**
 * Where an order request is: accepted (PENDING), being processed, COMPLETED (the order
 * exists) or FAILED (with a reason the buyer can read).
 */
public enum RequestStatus {

	PENDING, PROCESSING, COMPLETED, FAILED

}
