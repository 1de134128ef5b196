package io.orderpulse.flashsale;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A flash-sale session to create, as an admin sends it.
 */
public record FlashSaleDraft(String name, Instant startTime, Instant endTime, List<Item> items) {

	/**
	 * One product on sale.
	 */
	public record Item(long productId, BigDecimal flashPrice, int stock, @Nullable Long pointsPrice) {
	}

	/**
	 * The created session with its item ids, in the order of the draft's items.
	 */
	public record Created(long sessionId, String name, Instant startTime, Instant endTime, List<CreatedItem> items) {
	}

	/**
	 * A created item.
	 */
	public record CreatedItem(long itemId, long productId, BigDecimal flashPrice, int stock,
			@Nullable Long pointsPrice) {
	}

}
