package io.orderpulse.flashsale.internal;

import io.orderpulse.flashsale.AdmissionPort;

/**
 * Lets cluster tests outside this package see a node's local sold-out flag.
 */
public final class AdmissionFlags {

	private AdmissionFlags() {
	}

	public static boolean soldOut(AdmissionPort admission, long itemId) {
		return ((RedisAdmission) admission).flaggedSoldOut(itemId);
	}

}
