/**
 * The embedded PostgreSQL engine of the single-node default.
 */
@NullMarked
package io.orderpulse.platform.database;

import org.jspecify.annotations.NullMarked;
