package io.orderpulse.identity;

import io.orderpulse.identity.internal.OrganizationRepository;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Organizations, the tenants: every query of user-owned data is scoped to one.
 */
@Service
public class Organizations {

	private final OrganizationRepository organizations;

	Organizations(OrganizationRepository organizations) {
		this.organizations = organizations;
	}

	/**
	 * The id of the organization with this name, created if it does not exist yet.
	 */
	@Transactional
	public long ensure(String name) {
		return this.organizations.ensure(name);
	}

}
