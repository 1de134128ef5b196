package io.orderpulse.identity;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;

import io.orderpulse.identity.internal.IdentitySettings;
import io.orderpulse.identity.internal.OrganizationRepository;
import io.orderpulse.identity.internal.PasswordPolicy;
import io.orderpulse.identity.internal.UserAccount;
import io.orderpulse.identity.internal.UserAccountRepository;
import io.orderpulse.platform.Problems;
import org.jspecify.annotations.Nullable;

import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creates users, checks their passwords and looks them up.
 */
@Service
public class UserAccounts {

	private final SecureRandom random = new SecureRandom();

	private final UserAccountRepository users;

	private final OrganizationRepository organizations;

	private final PasswordEncoder passwordEncoder;

	private final IdentitySettings settings;

	private final PasswordPolicy passwordPolicy;

	/**
	 * A hash to compare against when the username is unknown, so a login takes as long
	 * for a missing user as for a wrong password and the timing reveals nothing.
	 */
	private final String decoyHash;

	UserAccounts(UserAccountRepository users, OrganizationRepository organizations, PasswordEncoder passwordEncoder,
			IdentitySettings settings, PasswordPolicy passwordPolicy) {
		this.users = users;
		this.organizations = organizations;
		this.passwordEncoder = passwordEncoder;
		this.settings = settings;
		this.passwordPolicy = passwordPolicy;
		this.decoyHash = passwordEncoder.encode("decoy-password-for-unknown-users");
	}

	/**
	 * Self-registration: a BUYER in the default organization.
	 */
	@Transactional
	public UserSummary register(String username, String password, String displayName) {
		long orgId = this.organizations.ensure(this.settings.defaultOrganization());
		return create(new NewUser(orgId, username, password, displayName, Set.of(Role.BUYER), null));
	}

	/**
	 * Creates the user. The username is stored in NFKC ({@link Usernames}).
	 * @throws UsernameTaken if the username, or one that is the same in its normal form,
	 * is taken
	 * @throws org.springframework.web.ErrorResponseException a 400 naming
	 * {@code username} if it is not a valid one, {@code password} if the
	 * {@link PasswordPolicy} refuses it, or {@code email} or {@code phone} if one is not
	 * in an accepted form ({@link ContactFormats})
	 */
	@Transactional
	public UserSummary create(NewUser user) {
		this.passwordPolicy.check(user.password());
		return insert(user);
	}

	/**
	 * Creates one of the demo profile's users, whose password ({@code password}) is
	 * published in the README and the log: the only path that skips the
	 * {@link PasswordPolicy}. Never for a password a person chose.
	 */
	@Transactional
	public UserSummary createDemoUser(NewUser user) {
		return insert(user);
	}

	private UserSummary insert(NewUser user) {
		String username = Usernames.canonical(user.username());
		if (username == null || !Usernames.isValid(username)) {
			throw Problems.invalidField("username", Usernames.RULE);
		}
		String email = ContactFormats.normalize(user.email());
		String phone = ContactFormats.normalize(user.phone());
		ContactFormats.check(email, phone);
		return this.users
			.insert(user.orgId(), username, this.passwordEncoder.encode(user.password()), user.displayName(),
					user.roles(), user.shopId(), email, phone)
			.summary();
	}

	/**
	 * Benchmark users: {@code count} BUYERs of an organization named
	 * {@code prefix-1 ... prefix-count}, inserted with one statement. They share one
	 * password hash of a random secret that is thrown away, so nobody can log in with a
	 * password; they use tokens minted by {@link AccessTokens}. Hashing once per call
	 * instead of once per user is what makes thousands of users take milliseconds.
	 * @throws UsernameTaken if one of the usernames is taken
	 */
	@Transactional
	public List<UserSummary> createBenchUsers(long orgId, String prefix, int count) {
		byte[] secret = new byte[32];
		this.random.nextBytes(secret);
		String hash = this.passwordEncoder.encode(HexFormat.of().formatHex(secret));
		List<String> usernames = IntStream.rangeClosed(1, count).mapToObj((i) -> prefix + "-" + i).toList();
		return this.users.insertMany(orgId, usernames, hash, Set.of(Role.BUYER))
			.stream()
			.map(UserAccount::summary)
			.toList();
	}

	/**
	 * The user with these credentials, if they are right and the user may log in (is
	 * neither disabled nor deleted: such a user gets the same answer as a wrong
	 * password). The username is compared in its normal form ({@link Usernames}); a name
	 * no user can have is refused without hashing. A password hashed the old way (bcrypt,
	 * or Argon2 with weaker parameters) is hashed again with the current encoder once it
	 * has proved right.
	 * <p>
	 * Not one transaction: the hash is checked between the reads and the write (a
	 * compare-and-set of the old hash), holding no database connection while it waits for
	 * one of the bounded hashing slots and runs.
	 * @throws org.springframework.web.ErrorResponseException a 503
	 * {@code service-unavailable} if no hashing slot became free in time
	 */
	public Optional<UserSummary> authenticate(String username, String password) {
		String key = Usernames.key(username);
		if (!Usernames.isValid(key)) {
			return Optional.empty();
		}
		Optional<UserAccount> account = this.users.findByUsername(key);
		String hash = account.map(UserAccount::passwordHash).orElse(this.decoyHash);
		if (!this.passwordEncoder.matches(password, hash) || account.isEmpty() || !account.get().canLogIn()) {
			return Optional.empty();
		}
		if (this.passwordEncoder.upgradeEncoding(hash)) {
			this.users.replacePasswordHash(account.get().id(), hash, this.passwordEncoder.encode(password));
		}
		return account.map(UserAccount::summary);
	}

	@Transactional(readOnly = true)
	public Optional<UserSummary> find(long userId) {
		return this.users.findById(userId).map(UserAccount::summary);
	}

	/**
	 * The user with contact details, as the user sees it.
	 */
	@Transactional(readOnly = true)
	public Optional<UserProfile> profile(long userId) {
		return this.users.findById(userId).map(UserAccount::profile);
	}

	/**
	 * Replaces the user's contact details; a {@code null} or blank value removes one.
	 * @return the changed profile
	 * @throws NotFound if there is no such user
	 * @throws org.springframework.web.ErrorResponseException a 400 naming {@code email}
	 * or {@code phone} if one is not in an accepted form ({@link ContactFormats});
	 * nothing is changed then
	 */
	@Transactional
	public UserProfile changeContact(long userId, @Nullable String email, @Nullable String phone) {
		String normalEmail = ContactFormats.normalize(email);
		String normalPhone = ContactFormats.normalize(phone);
		ContactFormats.check(normalEmail, normalPhone);
		if (!this.users.updateContact(userId, normalEmail, normalPhone)) {
			throw NotFound.user(userId);
		}
		return profile(userId).orElseThrow(() -> NotFound.user(userId));
	}

	/**
	 * Where the user can be reached (email, phone), for message routing's channels.
	 */
	@Transactional(readOnly = true)
	public Optional<UserContact> contact(long userId) {
		return this.users.findById(userId).map(UserAccount::contact);
	}

	/**
	 * Where the organization's users with these ids can be reached, in order of id; users
	 * of other organizations are left out.
	 */
	@Transactional(readOnly = true)
	public List<UserContact> contacts(long orgId, List<Long> userIds) {
		return this.users.findAllById(orgId, userIds).stream().map(UserAccount::contact).toList();
	}

	@Transactional(readOnly = true)
	public Optional<UserSummary> findByUsername(String username) {
		return this.users.findByUsername(username).map(UserAccount::summary);
	}

	/**
	 * The user if it belongs to the organization; users of other tenants are not found.
	 */
	@Transactional(readOnly = true)
	public Optional<UserSummary> findInOrganization(long orgId, long userId) {
		return this.users.findInOrganization(orgId, userId).map(UserAccount::summary);
	}

	@Transactional(readOnly = true)
	public List<UserSummary> findAll(long orgId, List<Long> userIds) {
		return this.users.findAllById(orgId, userIds).stream().map(UserAccount::summary).toList();
	}

	/**
	 * The ids of the merchants of a shop.
	 */
	@Transactional(readOnly = true)
	public List<Long> merchantsOf(long orgId, long shopId) {
		return this.users.merchantIds(orgId, shopId);
	}

	/**
	 * How many users the organization has.
	 */
	@Transactional(readOnly = true)
	public long countInOrganization(long orgId) {
		return this.users.countInOrganization(orgId);
	}

	/**
	 * How many users there are in all organizations.
	 */
	@Transactional(readOnly = true)
	public long countAll() {
		return this.users.countAll();
	}

	@Transactional(readOnly = true)
	public boolean hasNoUsers() {
		return this.users.isEmpty();
	}

}
