package io.orderpulse.payment.internal;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import io.orderpulse.payment.Payment;
import io.orderpulse.payment.PaymentMethod;
import io.orderpulse.payment.PaymentRequest;
import io.orderpulse.payment.PaymentStatus;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Payments in table {@code payments} and money moved in {@code payment_ledger}. State
 * changes name the state they leave, so a change from a state the payment is no longer in
 * does nothing.
 */
@Repository
public class PaymentRepository {

	private static final String SELECT = """
			select out_trade_no, order_id, buyer_id, amount, method, status, pay_url, created_at, paid_at,
			       refunded_at, points, refunded_amount
			from payments
			""";

	private final JdbcClient jdbc;

	PaymentRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Inserts a pending payment unless the order has a pending or paid one.
	 * @return whether it was inserted
	 */
	public boolean insertPending(String outTradeNo, PaymentRequest request, PaymentMethod method, String payUrl,
			Instant createdAt) {
		return insertPending(outTradeNo, request, method, payUrl, createdAt, null);
	}

	/**
	 * Inserts a pending payment unless the order has a pending or paid one.
	 * @param points the points it takes, for a payment in points
	 * @return whether it was inserted
	 */
	public boolean insertPending(String outTradeNo, PaymentRequest request, PaymentMethod method, String payUrl,
			Instant createdAt, @Nullable Long points) {
		return this.jdbc.sql("""
				insert into payments (out_trade_no, order_id, buyer_id, org_id, amount, method, status, subject,
				                      pay_url, created_at, updated_at, points)
				values (:outTradeNo, :orderId, :buyerId, :orgId, :amount, :method, 'PENDING', :subject, :payUrl,
				        :createdAt, :createdAt, :points)
				on conflict (order_id) where status in ('PENDING', 'PAID') do nothing
				""")
			.param("points", points)
			.param("outTradeNo", outTradeNo)
			.param("orderId", request.orderId())
			.param("buyerId", request.buyerId())
			.param("orgId", request.orgId())
			.param("amount", request.amount())
			.param("method", method.name())
			.param("subject", request.subject())
			.param("payUrl", payUrl)
			.param("createdAt", timestamp(createdAt))
			.update() > 0;
	}

	public Optional<Payment> find(String outTradeNo) {
		return this.jdbc.sql(SELECT + " where out_trade_no = ?")
			.param(outTradeNo)
			.query(PaymentRepository::map)
			.optional();
	}

	/**
	 * Reads a payment and locks its row until the transaction ends, so changes of one
	 * payment happen one after the other.
	 */
	public Optional<Payment> lock(String outTradeNo) {
		return this.jdbc.sql(SELECT + " where out_trade_no = ? for update")
			.param(outTradeNo)
			.query(PaymentRepository::map)
			.optional();
	}

	/**
	 * The order's pending or paid payment (there is at most one).
	 */
	public Optional<Payment> findLive(long orderId) {
		return this.jdbc.sql(SELECT + " where order_id = ? and status in ('PENDING', 'PAID')")
			.param(orderId)
			.query(PaymentRepository::map)
			.optional();
	}

	/**
	 * The order's payments, oldest first.
	 */
	public List<Payment> findForOrder(long orderId) {
		return this.jdbc.sql(SELECT + " where order_id = ? order by created_at, id")
			.param(orderId)
			.query(PaymentRepository::map)
			.list();
	}

	public boolean markPaid(String outTradeNo, String tradeNo, Instant paidAt) {
		return this.jdbc.sql("""
				update payments set status = 'PAID', trade_no = :tradeNo, paid_at = :paidAt,
				       version = version + 1, updated_at = now()
				where out_trade_no = :outTradeNo and status = 'PENDING'
				""")
			.param("outTradeNo", outTradeNo)
			.param("tradeNo", tradeNo)
			.param("paidAt", timestamp(paidAt))
			.update() > 0;
	}

	/**
	 * Marks a paid payment refunded, with the amount paid back.
	 */
	public boolean markRefunded(String outTradeNo, Instant refundedAt, BigDecimal amount) {
		return this.jdbc.sql("""
				update payments set status = 'REFUNDED', refunded_at = :refundedAt, refunded_amount = :amount,
				       version = version + 1, updated_at = now()
				where out_trade_no = :outTradeNo and status = 'PAID'
				""")
			.param("outTradeNo", outTradeNo)
			.param("refundedAt", timestamp(refundedAt))
			.param("amount", amount)
			.update() > 0;
	}

	/**
	 * Marks a closed payment, whose money arrived late, as received and refunded in one
	 * step: it is never seen paid.
	 */
	public boolean markPaidAndRefunded(String outTradeNo, String tradeNo, Instant at) {
		return this.jdbc.sql("""
				update payments set status = 'REFUNDED', trade_no = :tradeNo, paid_at = :at, refunded_at = :at,
				       refunded_amount = amount, version = version + 1, updated_at = now()
				where out_trade_no = :outTradeNo and status = 'CLOSED'
				""").param("outTradeNo", outTradeNo).param("tradeNo", tradeNo).param("at", timestamp(at)).update() > 0;
	}

	public boolean markClosed(String outTradeNo, Instant closedAt) {
		return this.jdbc.sql("""
				update payments set status = 'CLOSED', closed_at = :closedAt, version = version + 1,
				       updated_at = now()
				where out_trade_no = :outTradeNo and status = 'PENDING'
				""").param("outTradeNo", outTradeNo).param("closedAt", timestamp(closedAt)).update() > 0;
	}

	/**
	 * Records money moved, once per payment and type.
	 * @return whether the row was added (false: the payment has one of this type)
	 */
	public boolean addToLedger(String outTradeNo, LedgerType type, BigDecimal amount, @Nullable String tradeNo,
			@Nullable String note) {
		return this.jdbc.sql("""
				insert into payment_ledger (out_trade_no, type, amount, trade_no, note)
				values (?, ?, ?, ?, ?)
				on conflict (out_trade_no, type) do nothing
				""").params(outTradeNo, type.name(), amount, tradeNo, note).update() > 0;
	}

	private static OffsetDateTime timestamp(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

	private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
		return (value != null) ? value.toInstant() : null;
	}

	private static Payment map(ResultSet rs, int row) throws SQLException {
		Instant createdAt = instant(rs, "created_at");
		if (createdAt == null) {
			throw new IllegalStateException("created_at is not null");
		}
		return new Payment(rs.getString("out_trade_no"), rs.getLong("order_id"), rs.getLong("buyer_id"),
				rs.getBigDecimal("amount"), PaymentMethod.valueOf(rs.getString("method")),
				PaymentStatus.valueOf(rs.getString("status")), rs.getString("pay_url"), createdAt,
				instant(rs, "paid_at"), instant(rs, "refunded_at"), rs.getObject("points", Long.class),
				rs.getBigDecimal("refunded_amount"));
	}

}
