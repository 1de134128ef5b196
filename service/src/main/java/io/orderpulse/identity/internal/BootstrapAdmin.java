package io.orderpulse.identity.internal;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

import io.orderpulse.identity.NewUser;
import io.orderpulse.identity.Role;
import io.orderpulse.identity.UserAccounts;
import io.orderpulse.identity.UserSummary;
import io.orderpulse.identity.Usernames;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.StringUtils;

/**
 * Profile {@code cluster} has no demo data: on the first start an ADMIN and its
 * organization are created from {@code ORDERPULSE_BOOTSTRAP_ADMIN_USERNAME} and
 * {@code ORDERPULSE_BOOTSTRAP_ADMIN_PASSWORD}; the admin then creates shops and users
 * through the API. Once any ADMIN exists nothing happens (the variables may stay set or
 * go). Nodes that start at once take a PostgreSQL advisory lock around the check and the
 * insert, so exactly one of them creates the admin. A node that finds no admin and no
 * credentials refuses to start, saying what to set. With
 * {@code ORDERPULSE_BOOTSTRAP_ADMIN_PLATFORM_ADMIN=true} the bootstrap admin is also a
 * PLATFORM_ADMIN (granted at the next start if it exists already): no API grants that
 * role.
 */
@Component
@Profile("cluster")
class BootstrapAdmin implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(BootstrapAdmin.class);

	/** The advisory lock's key: "orderpulse-bootstrap" as a number. */
	private static final long LOCK = 0x6f70_626f_6f74L;

	private final BootstrapSettings settings;

	private final UserAccounts accounts;

	private final OrganizationRepository organizations;

	private final UserAccountRepository users;

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final PasswordPolicy passwordPolicy;

	BootstrapAdmin(BootstrapSettings settings, UserAccounts accounts, OrganizationRepository organizations,
			UserAccountRepository users, JdbcClient jdbc, TransactionTemplate transactions,
			PasswordPolicy passwordPolicy) {
		this.settings = settings;
		this.accounts = accounts;
		this.organizations = organizations;
		this.users = users;
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.passwordPolicy = passwordPolicy;
	}

	@Override
	public void run(ApplicationArguments args) {
		this.transactions.executeWithoutResult((status) -> {
			this.jdbc.sql("select pg_advisory_xact_lock(?)").param(LOCK).query((rs) -> {
			});
			BootstrapSettings.Admin admin = this.settings.admin();
			if (this.users.hasAdmin()) {
				if (admin.platformAdmin() && StringUtils.hasText(admin.username())) {
					grantPlatformAdmin(admin.username());
				}
				return;
			}
			String username = admin.username();
			String password = admin.password();
			if (!StringUtils.hasText(username) || password == null) {
				throw new IllegalStateException("Profile 'cluster' found no ADMIN user in the database: set "
						+ "ORDERPULSE_BOOTSTRAP_ADMIN_USERNAME and ORDERPULSE_BOOTSTRAP_ADMIN_PASSWORD (at least "
						+ PasswordPolicy.MIN_CHARACTERS + " characters, at most " + PasswordPolicy.MAX_BYTES
						+ " bytes, not a common password) to create the first one (and "
						+ "ORDERPULSE_BOOTSTRAP_ADMIN_ORGANIZATION to name its organization, 'OrderPulse' by default)");
			}
			Optional<String> refused = Usernames.isValid(Usernames.key(username))
					? this.passwordPolicy.problem(password)
						.map((reason) -> "ORDERPULSE_BOOTSTRAP_ADMIN_PASSWORD " + reason)
					: Optional.of("ORDERPULSE_BOOTSTRAP_ADMIN_USERNAME " + Usernames.RULE);
			refused.ifPresent((reason) -> {
				throw new IllegalStateException("Profile 'cluster' cannot create the first ADMIN user: " + reason);
			});
			long orgId = this.organizations.ensure(admin.organization());
			Set<Role> roles = admin.platformAdmin() ? Set.of(Role.ADMIN, Role.PLATFORM_ADMIN) : Set.of(Role.ADMIN);
			UserSummary created = this.accounts
				.create(new NewUser(orgId, username, password, "Administrator", roles, null));
			log.info("Created the bootstrap admin '{}' (user {}, roles {}) in organization '{}'", created.username(),
					created.id(), roles, admin.organization());
		});
	}

	/**
	 * Makes the existing bootstrap admin a PLATFORM_ADMIN, as configured: the only way a
	 * user gets that role.
	 */
	private void grantPlatformAdmin(String username) {
		this.users.findByUsername(username)
			.filter((user) -> user.canLogIn() && user.roles().contains(Role.ADMIN)
					&& !user.roles().contains(Role.PLATFORM_ADMIN))
			.ifPresent((user) -> {
				Set<Role> roles = EnumSet.copyOf(user.roles());
				roles.add(Role.PLATFORM_ADMIN);
				this.users.changeRoles(user.id(), roles, user.shopId());
				log.info("Granted PLATFORM_ADMIN to the bootstrap admin '{}' (user {}), as configured", user.username(),
						user.id());
			});
	}

}
