/**
 * OrderPulse root package; its sub-packages are the application modules.
 */
@NullMarked
package io.orderpulse;

import org.jspecify.annotations.NullMarked;
