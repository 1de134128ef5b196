/**
 * Demo data for the embedded default (profile {@code demo}): an organization, a shop with
 * products, a user of each role, a flash sale and a message template.
 */
@NullMarked
@ApplicationModule(displayName = "Demo data")
package io.orderpulse.demo;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
