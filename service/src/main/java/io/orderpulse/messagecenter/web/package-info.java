/**
 * Message center HTTP API: sending (admins) and the caller's inbox.
 */
@NullMarked
package io.orderpulse.messagecenter.web;

import org.jspecify.annotations.NullMarked;
