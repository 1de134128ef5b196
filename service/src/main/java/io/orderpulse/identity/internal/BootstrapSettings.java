package io.orderpulse.identity.internal;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The first administrator of a cluster-mode deployment ({@code orderpulse.bootstrap.*}).
 *
 * @param admin who to create when no ADMIN exists yet
 */
@ConfigurationProperties("orderpulse.bootstrap")
public record BootstrapSettings(@DefaultValue Admin admin) {

	/**
	 * The bootstrap admin.
	 *
	 * @param username the username of the first ADMIN, created when no ADMIN exists
	 * ({@code ORDERPULSE_BOOTSTRAP_ADMIN_USERNAME})
	 * @param password its password, which must pass the password policy
	 * ({@code ORDERPULSE_BOOTSTRAP_ADMIN_PASSWORD})
	 * @param organization the organization created for the admin
	 * ({@code ORDERPULSE_BOOTSTRAP_ADMIN_ORGANIZATION})
	 * @param platformAdmin whether the bootstrap admin is also a PLATFORM_ADMIN (the only
	 * way to get one: no API grants it); an existing bootstrap admin gets the role at the
	 * next start ({@code ORDERPULSE_BOOTSTRAP_ADMIN_PLATFORM_ADMIN})
	 */
	public record Admin(@Nullable String username, @Nullable String password,
			@DefaultValue("OrderPulse") String organization, @DefaultValue("false") boolean platformAdmin) {
	}

}
