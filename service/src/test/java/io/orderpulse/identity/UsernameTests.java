package io.orderpulse.identity;

import io.orderpulse.IntegrationTest;
import io.orderpulse.TestApi;
import io.orderpulse.TestApi.Response;
import io.orderpulse.identity.internal.IdentitySettings;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static io.orderpulse.identity.PasswordTests.login;
import static io.orderpulse.identity.PasswordTests.register;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Usernames are compared in one normal form (NFKC, then lower case in the root locale): a
 * name that looks like another's in some other case or width is that name, never a second
 * account or a second login throttle, and a name that only folds to another one in some
 * locale is nobody.
 */
@IntegrationTest
class UsernameTests {

	@Autowired
	TestApi api;

	@Autowired
	IdentitySettings settings;

	@Test
	void aDottedCapitalIDoesNotLogInAsTheUserWithAPlainI() {
		Response login = this.api.post("/api/v1/auth/login", login("adm\u0130n", "password"), null);

		assertThat(login.status()).as(login.toString()).isEqualTo(401);
	}

	@Test
	void variantsOfANameShareItsLoginThrottleAndNeverBypassIt() {
		UserSummary user = this.api.createUser("Username Org", "admin", Role.BUYER);
		String name = user.username();
		for (int i = 0; i < this.settings.loginLimit().attempts(); i++) {
			assertThat(this.api.post("/api/v1/auth/login", login(name, "wrong-" + i), null).status()).isEqualTo(401);
		}

		// the right password, but the name's attempts are spent: whatever its spelling
		assertThat(this.api.post("/api/v1/auth/login", login(name.toUpperCase(), "password"), null).status())
			.isEqualTo(429);
		assertThat(this.api.post("/api/v1/auth/login", login(fullwidth(name), "password"), null).status())
			.isEqualTo(429);
		assertThat(this.api.post("/api/v1/auth/login", login(name.replace('i', '\u0130'), "password"), null).status())
			.isEqualTo(401);
	}

	@Test
	void aNameThatNormalizesToATakenOneIsTaken() {
		for (String alias : new String[] { "ADMIN", "\uff41\uff44\uff4d\uff49\uff4e", "\uff21dmin" }) {
			Response taken = this.api.post("/api/v1/auth/register", register(alias, "a-fine-passphrase"), null);
			assertThat(taken.status()).as(alias + ": " + taken).isEqualTo(409);
			assertThat(taken.json().get("type").asString()).isEqualTo("urn:orderpulse:problem:username-taken");
		}
	}

	@Test
	void anAdminCannotCreateAnAliasOfAnExistingName() {
		UserSummary admin = this.api.createUser("Username Org", "admin", Role.ADMIN);
		UserSummary existing = this.api.createUser("Username Org", "staff", Role.BUYER);

		Response alias = this.api.post("/api/v1/admin/users", """
				{"username": "%s", "password": "a-fine-passphrase", "roles": ["BUYER"]}
				""".formatted(fullwidth(existing.username())), this.api.tokenFor(admin));

		assertThat(alias.status()).as(alias.toString()).isEqualTo(409);
	}

	@Test
	void aFullwidthNameRegistersInItsNormalForm() {
		String name = PasswordTests.unique("wide");
		Response registered = this.api.post("/api/v1/auth/register", register(fullwidth(name), "a-fine-passphrase"),
				null);

		assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
		assertThat(registered.json().get("username").asString()).isEqualTo(name);
		assertThat(this.api.post("/api/v1/auth/login", login(name, "a-fine-passphrase"), null).status()).isEqualTo(200);
	}

	/**
	 * The name in fullwidth forms (U+FF01..U+FF5E), which NFKC maps back to ASCII.
	 */
	static String fullwidth(String ascii) {
		StringBuilder wide = new StringBuilder();
		ascii.chars().forEach((c) -> wide.append((c > 0x20 && c < 0x7f) ? (char) (c - 0x21 + 0xff01) : (char) c));
		return wide.toString();
	}

}
