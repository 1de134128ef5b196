package io.orderpulse.messagecenter;

/**
 * The type of a template variable (seed 003, section 5.3.2), which its value must have.
 */
public enum VariableType {

	/** Text. */
	STRING,
	/** A JSON number. */
	NUMBER,
	/** true or false. */
	BOOLEAN,
	/** An ISO-8601 date such as {@code 2024-01-20}. */
	DATE,
	/**
	 * An ISO-8601 date-time, with an offset ({@code 2024-01-20T22:00:00+08:00}, rendered
	 * in that offset) or without one; or epoch milliseconds (UTC).
	 */
	DATETIME,
	/** A JSON array of strings, numbers, booleans or objects. */
	LIST,
	/** The seed's name for {@link #LIST}. */
	ARRAY,
	/** A JSON object, whose keys a template reads as {@code {obj.key}}. */
	OBJECT,
	/** An absolute http(s) URL or a path starting with {@code /}. */
	URL,
	/** An e-mail address. */
	EMAIL,
	/** A phone number: digits, spaces, {@code + - ( )}. */
	PHONE

}
