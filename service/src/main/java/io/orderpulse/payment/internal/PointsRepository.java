package io.orderpulse.payment.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import io.orderpulse.payment.PointsAccount;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Points accounts ({@code points_accounts}) and the ledger of every points movement
 * ({@code points_ledger}). A movement first claims its ledger row, whose unique
 * (out_trade_no, type) key lets each payment, refund or grant happen once, then moves the
 * balance with one conditional update, so a balance never goes below zero and concurrent
 * payments cannot spend the same points twice.
 */
@Repository
public class PointsRepository {

	private final JdbcClient jdbc;

	PointsRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Opens the user's account with a starting balance unless it exists.
	 */
	public void ensureAccount(long userId, long orgId, long initialBalance) {
		this.jdbc.sql("insert into points_accounts (user_id, org_id, balance) values (?, ?, ?) on conflict do nothing")
			.params(userId, orgId, initialBalance)
			.update();
	}

	public Optional<Long> balance(long userId) {
		return this.jdbc.sql("select balance from points_accounts where user_id = ?")
			.param(userId)
			.query(Long.class)
			.optional();
	}

	/**
	 * Moves points once per (outTradeNo, type): a negative amount takes points if the
	 * balance covers them.
	 * @return the outcome; nothing moved unless {@link Move#MOVED}
	 */
	public Move move(long userId, String outTradeNo, String type, long amount, @Nullable String note) {
		boolean claimed = this.jdbc.sql("""
				insert into points_ledger (user_id, out_trade_no, type, amount, balance_after, note)
				values (?, ?, ?, ?, 0, ?)
				on conflict (out_trade_no, type) do nothing
				""").params(userId, outTradeNo, type, amount, note).update() == 1;
		if (!claimed) {
			return Move.ALREADY_MOVED;
		}
		// one statement: the check and the change cannot be split by a concurrent payment
		Optional<Long> after = this.jdbc.sql("""
				update points_accounts set balance = balance + ?, updated_at = now()
				where user_id = ? and balance + ? >= 0
				returning balance
				""").params(amount, userId, amount).query(Long.class).optional();
		if (after.isEmpty()) {
			return Move.INSUFFICIENT;
		}
		this.jdbc.sql("update points_ledger set balance_after = ? where out_trade_no = ? and type = ?")
			.params(after.get(), outTradeNo, type)
			.update();
		return Move.MOVED;
	}

	/**
	 * The points a ledger row moved, if it exists.
	 */
	public Optional<Long> moved(String outTradeNo, String type) {
		return this.jdbc.sql("select amount from points_ledger where out_trade_no = ? and type = ?")
			.params(outTradeNo, type)
			.query(Long.class)
			.optional();
	}

	/**
	 * The user's latest ledger rows, newest first.
	 */
	public List<PointsAccount.Entry> recent(long userId, int limit) {
		return this.jdbc.sql("select * from points_ledger where user_id = ? order by id desc limit ?")
			.params(userId, limit)
			.query(PointsRepository::entry)
			.list();
	}

	private static PointsAccount.Entry entry(ResultSet rs, int row) throws SQLException {
		return new PointsAccount.Entry(rs.getString("out_trade_no"), rs.getString("type"), rs.getLong("amount"),
				rs.getLong("balance_after"), rs.getString("note"),
				rs.getObject("created_at", OffsetDateTime.class).toInstant());
	}

	/**
	 * What became of a move.
	 */
	public enum Move {

		/** The points moved now. */
		MOVED,
		/** This move happened before: nothing moved again. */
		ALREADY_MOVED,
		/** The balance does not cover it: the caller must roll back the claimed row. */
		INSUFFICIENT

	}

}
