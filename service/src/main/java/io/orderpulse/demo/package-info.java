/**
 * Demo data for the embedded default (profile {@code demo}): an organization, a shop with
 * products and a user of each role.
 */
@NullMarked
@ApplicationModule(displayName = "Demo data")
package io.orderpulse.demo;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
