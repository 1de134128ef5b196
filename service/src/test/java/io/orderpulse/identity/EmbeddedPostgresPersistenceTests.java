package io.orderpulse.identity;

import io.orderpulse.IntegrationTest;

/**
 * The persistence contract on the embedded PostgreSQL of the single-node default.
 */
@IntegrationTest
class EmbeddedPostgresPersistenceTests extends IdentityPersistenceContract {

}
