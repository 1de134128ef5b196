/**
 * Identity: users, organizations (tenants), roles, user groups, login and access tokens.
 * Other modules use {@link io.orderpulse.identity.AuthenticatedUser} as the caller and
 * {@link io.orderpulse.identity.UserAccounts}, {@link io.orderpulse.identity.UserGroups}
 * and {@link io.orderpulse.identity.AccessTokens} as its API.
 */
@NullMarked
@ApplicationModule(displayName = "Identity")
package io.orderpulse.identity;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
