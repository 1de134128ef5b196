/**
 * The administration API under {@code /api/v1/admin}.
 */
@NullMarked
package io.orderpulse.admin.web;

import org.jspecify.annotations.NullMarked;
