package io.orderpulse.identity.internal;

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
 * credentials refuses to start, saying what to set.
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
			if (this.users.hasAdmin()) {
				return;
			}
			BootstrapSettings.Admin admin = this.settings.admin();
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
			UserSummary created = this.accounts
				.create(new NewUser(orgId, username, password, "Administrator", Set.of(Role.ADMIN), null));
			log.info("Created the bootstrap admin '{}' (user {}) in organization '{}'", created.username(),
					created.id(), admin.organization());
		});
	}

}
