package io.orderpulse.identity;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * The one normal form in which usernames are compared: Unicode NFKC (so a fullwidth
 * {@code ａｄｍｉｎ} is {@code admin}), then lower case in the root locale. Two names with the
 * same {@link #key(String) key} are the same name: one account, one login throttle. A
 * username must be 3-32 of {@code [A-Za-z0-9_.-]} in NFKC, so no name folds to another
 * only in some locale or by a database's own case rules (a dotted capital {@code İ} is
 * not an {@code i}: {@code admİn} is nobody, never an alias of {@code admin}).
 */
public final class Usernames {

	/** What a valid username is, in words, for problem details. */
	public static final String RULE = "must be 3-32 characters of letters, digits, '_', '.' or '-'";

	private static final Pattern VALID = Pattern.compile("[A-Za-z0-9_.-]{3,32}");

	private Usernames() {
	}

	/**
	 * The form of a name that is stored and shown: NFKC, case kept ({@code null} stays
	 * {@code null}, for request records that bean validation checks afterwards).
	 */
	public static @Nullable String canonical(@Nullable String name) {
		return (name != null) ? Normalizer.normalize(name, Normalizer.Form.NFKC) : null;
	}

	/**
	 * What makes two names the same: NFKC, then lower case with {@link Locale#ROOT}.
	 */
	public static String key(String name) {
		return Normalizer.normalize(name, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
	}

	/**
	 * Whether the name (canonical or key) is one a user can have.
	 */
	public static boolean isValid(String name) {
		return VALID.matcher(name).matches();
	}

}
