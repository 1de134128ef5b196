package io.orderpulse.identity;

import java.util.Set;

import io.orderpulse.identity.internal.SessionRepository;
import io.orderpulse.identity.internal.UserAccount;
import io.orderpulse.identity.internal.UserAccountRepository;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * An organization's administrators manage its users: create them, disable and enable,
 * delete, and change their roles. Each operation acts on the caller's organization only
 * (another organization's user is not found) and never lets the caller grant a role it
 * may not grant ({@link Role#grantableBy}) nor manage a user who holds one. Disabling,
 * deleting and changing roles end every token of the user at once: the user's token
 * version changes and {@link UserAccessRevoked} is published.
 */
@Service
public class UserAdministration {

	private final UserAccounts accounts;

	private final UserAccountRepository users;

	private final SessionRepository sessions;

	private final ApplicationEventPublisher events;

	UserAdministration(UserAccounts accounts, UserAccountRepository users, SessionRepository sessions,
			ApplicationEventPublisher events) {
		this.accounts = accounts;
		this.users = users;
		this.sessions = sessions;
		this.events = events;
	}

	/**
	 * Creates a user in the caller's organization.
	 * @throws RoleNotGrantable if the user would get a role the caller may not grant;
	 * nothing is created then
	 * @throws UsernameTaken if the username is taken
	 */
	@Transactional
	public UserProfile create(AuthenticatedUser admin, NewUser user) {
		if (user.orgId() != admin.orgId()) {
			throw new IllegalArgumentException("Users are created in the caller's organization");
		}
		requireGrantable(admin, user.roles());
		UserSummary created = this.accounts.create(user);
		return this.accounts.profile(created.id()).orElseThrow(() -> NotFound.user(created.id()));
	}

	/**
	 * Disables the user: it cannot log in, and its tokens stop working at once.
	 */
	@Transactional
	public ManagedUser disable(AuthenticatedUser admin, long userId) {
		UserAccount user = manageable(admin, userId);
		this.users.disable(user.id());
		this.sessions.revokeAll(user.id(), "disabled");
		revoked(user.id());
		return current(admin, userId);
	}

	/**
	 * Enables a disabled user, who may log in again (tokens from before stay revoked).
	 */
	@Transactional
	public ManagedUser enable(AuthenticatedUser admin, long userId) {
		UserAccount user = manageable(admin, userId);
		this.users.enable(user.id());
		// a new token version as well: every node forgets the disabled state it cached,
		// and no token from before the user was disabled comes back to life
		revoked(user.id());
		return current(admin, userId);
	}

	/**
	 * Deletes the user softly: it is disabled and marked deleted, its tokens stop working
	 * at once, it is no longer found, and its username stays taken (orders and messages
	 * keep referring to it).
	 */
	@Transactional
	public void delete(AuthenticatedUser admin, long userId) {
		UserAccount user = manageable(admin, userId);
		this.users.markDeleted(user.id());
		this.sessions.revokeAll(user.id(), "deleted");
		revoked(user.id());
	}

	/**
	 * Replaces the user's roles (and shop: a MERCHANT's, null otherwise); the user's
	 * tokens, which carry the old roles, stop working at once.
	 * @throws RoleNotGrantable if a new role is one the caller may not grant
	 */
	@Transactional
	public ManagedUser changeRoles(AuthenticatedUser admin, long userId, Set<Role> roles, @Nullable Long shopId) {
		UserAccount user = find(admin, userId);
		requireGrantable(admin, roles);
		requireManageable(admin, user);
		this.users.changeRoles(user.id(), roles, shopId);
		revoked(user.id());
		return current(admin, userId);
	}

	/**
	 * The organization's user as its administrators see it.
	 */
	@Transactional(readOnly = true)
	public ManagedUser user(AuthenticatedUser admin, long userId) {
		return find(admin, userId).managed();
	}

	private UserAccount manageable(AuthenticatedUser admin, long userId) {
		UserAccount user = find(admin, userId);
		requireManageable(admin, user);
		return user;
	}

	private UserAccount find(AuthenticatedUser admin, long userId) {
		return this.users.findExistingInOrganization(admin.orgId(), userId).orElseThrow(() -> NotFound.user(userId));
	}

	private static void requireManageable(AuthenticatedUser admin, UserAccount user) {
		for (Role role : user.roles()) {
			if (!role.grantableBy(admin.roles())) {
				throw RoleNotGrantable.manage(user.id(), role);
			}
		}
		if (user.id() == admin.userId()) {
			throw new OwnAccount();
		}
	}

	private static void requireGrantable(AuthenticatedUser admin, Set<Role> roles) {
		for (Role role : roles) {
			if (!role.grantableBy(admin.roles())) {
				throw RoleNotGrantable.grant(role);
			}
		}
	}

	private ManagedUser current(AuthenticatedUser admin, long userId) {
		return find(admin, userId).managed();
	}

	private void revoked(long userId) {
		this.events.publishEvent(new UserAccessRevoked(userId, null));
	}

}
