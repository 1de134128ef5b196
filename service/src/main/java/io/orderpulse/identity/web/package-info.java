/**
 * Identity HTTP API: registration, login, the current user and user groups.
 */
@NullMarked
package io.orderpulse.identity.web;

import org.jspecify.annotations.NullMarked;
