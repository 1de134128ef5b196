/**
 * RFC 9457 problem details for every error response, and request body limits.
 */
@NullMarked
package io.orderpulse.platform.web;

import org.jspecify.annotations.NullMarked;
