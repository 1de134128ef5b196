package io.orderpulse.payment;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.OptionalLong;

import io.orderpulse.identity.AuthenticatedUser;
import io.orderpulse.payment.internal.PointsRepository;
import io.orderpulse.payment.internal.PointsRepository.Move;
import io.orderpulse.payment.internal.PointsSettings;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Points accounts: one per user, opened on first use with the configured starting
 * balance. Points are spent by paying an order with {@link PaymentMethod#POINTS} and come
 * back with its refund; every movement is a ledger row, at most one per payment and kind.
 */
@Service
public class Points {

	private static final int RECENT = 20;

	private final PointsRepository repository;

	private final PointsSettings settings;

	Points(PointsRepository repository, PointsSettings settings) {
		this.repository = repository;
		this.settings = settings;
	}

	/**
	 * The user's account with its latest movements.
	 */
	@Transactional
	public PointsAccount of(AuthenticatedUser user) {
		this.repository.ensureAccount(user.userId(), user.orgId(), this.settings.initialBalance());
		return new PointsAccount(user.userId(), this.repository.balance(user.userId()).orElse(0L),
				this.repository.recent(user.userId(), RECENT));
	}

	/**
	 * Gives points once per key (a repeated grant with the same key moves nothing).
	 * @return whether points moved now
	 */
	@Transactional
	public boolean grant(long userId, long orgId, long points, String key, String note) {
		if (points <= 0) {
			throw new IllegalArgumentException("points must be positive");
		}
		this.repository.ensureAccount(userId, orgId, this.settings.initialBalance());
		return this.repository.move(userId, key, "GRANT", points, note) == Move.MOVED;
	}

	/**
	 * The points that pay an amount of an order without a points price of its own,
	 * rounded up; empty if no conversion is configured.
	 */
	public OptionalLong priceOf(BigDecimal amount) {
		if (this.settings.perCurrencyUnit() == 0) {
			return OptionalLong.empty();
		}
		return OptionalLong.of(amount.multiply(BigDecimal.valueOf(this.settings.perCurrencyUnit()))
			.setScale(0, RoundingMode.CEILING)
			.longValueExact());
	}

}
