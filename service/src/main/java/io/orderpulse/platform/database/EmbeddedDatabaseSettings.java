package io.orderpulse.platform.database;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the embedded PostgreSQL engine.
 *
 * @param enabled whether the process runs its own PostgreSQL (the single-node default)
 * @param dataDir where the database files live, written durably (fsync and synchronous
 * commit on); blank for a throw-away directory with fsync off, as nothing is kept (tests)
 * @param port the port to listen on; 0 picks a free one
 */
@ConfigurationProperties("orderpulse.database.embedded")
record EmbeddedDatabaseSettings(boolean enabled, @Nullable String dataDir, int port) {
}
