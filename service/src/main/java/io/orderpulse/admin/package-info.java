/**
 * Administration of an organization by its ADMINs: shops and user accounts (what cluster
 * mode's bootstrap admin starts with, as there is no demo data there).
 */
@NullMarked
@ApplicationModule(displayName = "Administration")
package io.orderpulse.admin;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
