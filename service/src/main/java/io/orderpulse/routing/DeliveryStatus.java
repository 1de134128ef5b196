package io.orderpulse.routing;

/**
 * Where one channel delivery of a message to a recipient stands.
 */
public enum DeliveryStatus {

	/** Waiting: for quiet hours to end, for a delay, for a retry, or being attempted. */
	PENDING,

	/** The channel accepted it. */
	SENT,

	/** It failed and will not be tried again. */
	FAILED,

	/** An admin cancelled it while it was pending. */
	CANCELLED

}
