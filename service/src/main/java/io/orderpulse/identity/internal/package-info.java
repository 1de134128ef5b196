/**
 * Identity internals: persistence, token signing, security configuration and login
 * throttling.
 */
@NullMarked
package io.orderpulse.identity.internal;

import org.jspecify.annotations.NullMarked;
