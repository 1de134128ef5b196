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
	 * @param username {@code ORDERPULSE_BOOTSTRAP_ADMIN_USERNAME}
	 * @param password {@code ORDERPULSE_BOOTSTRAP_ADMIN_PASSWORD}, accepted by the
	 * {@link PasswordPolicy}
	 * @param organization {@code ORDERPULSE_BOOTSTRAP_ADMIN_ORGANIZATION}, the
	 * organization created for the admin
	 * @param platformAdmin {@code ORDERPULSE_BOOTSTRAP_ADMIN_PLATFORM_ADMIN}: whether the
	 * bootstrap admin is also a PLATFORM_ADMIN (the only way to get one: no API grants
	 * it); an existing bootstrap admin gets the role at the next start
	 */
	public record Admin(@Nullable String username, @Nullable String password,
			@DefaultValue("OrderPulse") String organization, @DefaultValue("false") boolean platformAdmin) {
	}

}
