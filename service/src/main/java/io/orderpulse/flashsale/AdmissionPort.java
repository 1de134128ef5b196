package io.orderpulse.flashsale;

import java.time.Instant;
import java.util.Map;

/**
 * Admission to a flash-sale item: the time window check, the one-per-user check and the
 * stock decrement as one atomic step, in this order, so a repeated attempt never consumes
 * stock. The embedded default keeps the state in memory; cluster mode will keep it in
 * Redis (a Lua script). The database's admission records are the durable truth from which
 * an implementation rebuilds its state.
 */
public interface AdmissionPort {

	/**
	 * Admits the user to the item unless the sale is not active, the user was already
	 * admitted (consuming nothing) or nothing is left.
	 */
	Admission admit(long itemId, long userId, Instant now);

	/**
	 * Gives back an admission: the unit of stock and the user's mark; clears the sold-out
	 * flag. Releasing an admission that does not exist changes nothing.
	 * @return whether an admission was released
	 */
	boolean release(long itemId, long userId);

	/**
	 * The units of the item not admitted now (0 for an unknown item).
	 */
	int remaining(long itemId);

	/**
	 * The admissions to the item taken before {@code cutoff}: each user with the time (to
	 * the millisecond) their admission was taken. The reconciliation compares them with
	 * the stored admissions to find units taken by a node that died before it recorded
	 * them.
	 */
	Map<Long, Instant> takenBefore(long itemId, Instant cutoff);

	/**
	 * Gives back the user's admission like {@link #release(long, long)}, but only if it
	 * is the one taken at {@code takenAt}: a newer admission of the same user stays.
	 * @return whether an admission was released
	 */
	boolean releaseIfTakenAt(long itemId, long userId, Instant takenAt);

	/**
	 * The outcome of an attempt and the stock left after it.
	 */
	record Admission(Outcome outcome, int remaining) {
	}

	/**
	 * What an attempt came to.
	 */
	enum Outcome {

		ADMITTED, ALREADY_PURCHASED, SOLD_OUT, NOT_STARTED, ENDED, UNKNOWN_ITEM

	}

}
