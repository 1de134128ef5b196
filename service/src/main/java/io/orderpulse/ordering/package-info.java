/**
 * Ordering: orders and their lifecycle, the asynchronous and idempotent intake of order
 * requests, buyer reminders and scheduled timeouts. Every status change is pushed to the
 * buyer (and to the organization's admins) through the realtime module.
 */
@NullMarked
@ApplicationModule(displayName = "Ordering")
package io.orderpulse.ordering;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
