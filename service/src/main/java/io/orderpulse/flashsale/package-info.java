/**
 * Flash sales: sessions with a time window, items with their own limited stock, and the
 * admission of buyers (time window, one per user, stock) as one atomic step behind
 * {@link io.orderpulse.flashsale.AdmissionPort}; admitted buyers get their order
 * asynchronously, and every way stock comes back releases the admission.
 */
@NullMarked
@ApplicationModule(displayName = "Flash sale")
package io.orderpulse.flashsale;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
