package io.orderpulse.identity;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import io.orderpulse.platform.Problems;
import io.orderpulse.platform.Problems.FieldProblem;
import org.jspecify.annotations.Nullable;

/**
 * The accepted forms of a user's contact details. Values are stripped; a blank value
 * means none.
 */
public final class ContactFormats {

	/**
	 * The HTML standard's "valid e-mail address" with at least one dot in the domain
	 * (mail to a bare host name never leaves a real mail server).
	 */
	private static final Pattern EMAIL = Pattern
		.compile("[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
				+ "(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+");

	/** RFC 5321's limit of a forward path. */
	private static final int EMAIL_MAX = 254;

	/** E.164: a plus, a country code not starting with 0, at most 15 digits in all. */
	private static final Pattern PHONE = Pattern.compile("\\+[1-9][0-9]{6,14}");

	static final String EMAIL_MESSAGE = "must be an email address such as alice@example.com (at most 254 characters)";

	static final String PHONE_MESSAGE = "must be a phone number in E.164 form such as +8613800000000";

	private ContactFormats() {
	}

	/**
	 * The value stripped, or {@code null} if it is absent or blank.
	 */
	public static @Nullable String normalize(@Nullable String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		return value.strip();
	}

	public static boolean isEmail(String email) {
		return email.length() <= EMAIL_MAX && EMAIL.matcher(email).matches();
	}

	public static boolean isPhone(String phone) {
		return PHONE.matcher(phone).matches();
	}

	/**
	 * Checks normalized contact details.
	 * @param email the email address or {@code null}
	 * @param phone the phone number or {@code null}
	 * @throws org.springframework.web.ErrorResponseException a 400 naming each invalid
	 * field ({@code email}, {@code phone})
	 */
	static void check(@Nullable String email, @Nullable String phone) {
		List<FieldProblem> problems = new ArrayList<>();
		if (email != null && !isEmail(email)) {
			problems.add(new FieldProblem("email", EMAIL_MESSAGE));
		}
		if (phone != null && !isPhone(phone)) {
			problems.add(new FieldProblem("phone", PHONE_MESSAGE));
		}
		if (!problems.isEmpty()) {
			throw Problems.invalidFields(problems);
		}
	}

}
