package io.orderpulse.identity.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import com.nulabinc.zxcvbn.StandardDictionaries;
import io.orderpulse.platform.Problems;

import org.springframework.stereotype.Component;

/**
 * Which passwords a user may set: at least {@value #MIN_CHARACTERS} characters, at most
 * {@value #MAX_BYTES} bytes of UTF-8 (room for 64 characters of any script, the least
 * NIST SP 800-63B asks a verifier to allow), and not one of the 30,000 most common
 * passwords (zxcvbn's list, bundled with zxcvbn4j under the MIT licence; compared
 * regardless of case). Applies wherever a password is set; only the demo profile's users,
 * whose password is published anyway, are created without it.
 */
@Component
public class PasswordPolicy {

	/** The fewest characters (code points) a password has. */
	public static final int MIN_CHARACTERS = 10;

	/** The most bytes (UTF-8) a password has. */
	public static final int MAX_BYTES = 256;

	private final Set<String> common;

	PasswordPolicy() {
		try {
			this.common = Set.copyOf(StandardDictionaries.PASSWORDS_LOADER.load().getRankedDictionary().keySet());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not load the list of common passwords", ex);
		}
	}

	/**
	 * Why the password is refused, if it is.
	 */
	public Optional<String> problem(String password) {
		if (password.codePointCount(0, password.length()) < MIN_CHARACTERS) {
			return Optional.of("must be at least " + MIN_CHARACTERS + " characters");
		}
		if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
			return Optional.of("must be at most " + MAX_BYTES + " bytes (UTF-8)");
		}
		if (this.common.contains(password.toLowerCase(Locale.ROOT))) {
			return Optional.of("is one of the most common passwords");
		}
		return Optional.empty();
	}

	/**
	 * Refuses a password that breaks the policy.
	 * @throws org.springframework.web.ErrorResponseException a 400 naming
	 * {@code password} and why
	 */
	public void check(String password) {
		problem(password).ifPresent((reason) -> {
			throw Problems.invalidField("password", reason);
		});
	}

}
