/**
 * The routing API: rules, quiet hours, preferences and delivery records.
 */
@NullMarked
package io.orderpulse.routing.web;

import org.jspecify.annotations.NullMarked;
