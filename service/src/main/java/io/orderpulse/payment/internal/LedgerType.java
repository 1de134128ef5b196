package io.orderpulse.payment.internal;

/**
 * The kind of a ledger row: money received or paid back. A payment has at most one of
 * each.
 */
public enum LedgerType {

	PAY, REFUND

}
