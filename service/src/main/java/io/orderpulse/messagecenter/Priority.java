package io.orderpulse.messagecenter;

/**
 * How urgent a message is; HIGH and URGENT are flagged `important` so pages make them
 * stand out.
 */
public enum Priority {

	LOW, NORMAL, HIGH, URGENT

}
