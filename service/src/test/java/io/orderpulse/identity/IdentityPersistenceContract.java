package io.orderpulse.identity;

import java.util.Set;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Persistence behaviour that must hold on every PostgreSQL the service runs on;
 * subclasses bind it to the embedded engine and to an external server.
 */
abstract class IdentityPersistenceContract {

	@Autowired
	UserAccounts accounts;

	@Autowired
	Organizations organizations;

	@Autowired
	UserGroups groups;

	private static String unique(String prefix) {
		return prefix + Long.toString(System.nanoTime(), 36);
	}

	@Test
	void storesUsersWithRolesShopAndHashedPassword() {
		long orgId = this.organizations.ensure(unique("org-"));
		String username = unique("m-");

		UserSummary created = this.accounts
			.create(new NewUser(orgId, username, "long-password", "Mer Chant", Set.of(Role.MERCHANT, Role.ADMIN), 42L));

		UserSummary found = this.accounts.find(created.id()).orElseThrow();
		assertThat(found).isEqualTo(created);
		assertThat(found.roles()).containsExactlyInAnyOrder(Role.MERCHANT, Role.ADMIN);
		assertThat(found.shopId()).isEqualTo(42L);
		assertThat(this.accounts.authenticate(username.toUpperCase(), "long-password")).contains(created);
		assertThat(this.accounts.authenticate(username, "wrong-password")).isEmpty();
	}

	@Test
	void usernamesAreUniqueRegardlessOfCase() {
		long orgId = this.organizations.ensure(unique("org-"));
		String username = unique("dup-");
		this.accounts.create(new NewUser(orgId, username, "long-password", "One", Set.of(Role.BUYER), null));

		assertThatThrownBy(() -> this.accounts
			.create(new NewUser(orgId, username.toUpperCase(), "long-password", "Two", Set.of(Role.BUYER), null)))
			.isInstanceOf(UsernameTaken.class);
	}

	@Test
	void ensuringAnOrganizationTwiceYieldsTheSameOne() {
		String name = unique("org-");

		assertThat(this.organizations.ensure(name)).isEqualTo(this.organizations.ensure(name));
	}

	@Test
	void groupsAndMembershipsStayWithinTheirOrganization() {
		long orgA = this.organizations.ensure(unique("a-"));
		long orgB = this.organizations.ensure(unique("b-"));
		UserSummary inA = this.accounts
			.create(new NewUser(orgA, unique("ua-"), "long-password", "In A", Set.of(Role.BUYER), null));
		UserSummary inB = this.accounts
			.create(new NewUser(orgB, unique("ub-"), "long-password", "In B", Set.of(Role.BUYER), null));
		UserGroup group = this.groups.create(orgA, "Team", null);

		this.groups.addMember(orgA, group.id(), inA.id());

		assertThat(this.groups.members(orgA, group.id())).extracting(GroupMember::id).containsExactly(inA.id());
		assertThatThrownBy(() -> this.groups.addMember(orgA, group.id(), inB.id())).isInstanceOf(NotFound.class);
		assertThatThrownBy(() -> this.groups.members(orgB, group.id())).isInstanceOf(NotFound.class);
		assertThat(this.groups.list(orgB)).isEmpty();
		// the same name is free in another organization
		assertThat(this.groups.create(orgB, "Team", null).name()).isEqualTo("Team");
		assertThatThrownBy(() -> this.groups.create(orgA, "Team", null)).isInstanceOf(GroupNameTaken.class);
	}

}
