/**
 * Message routing: which channels (WebSocket push, email, webhook, SMS) carry a message
 * center message to each recipient and when (rules, quiet hours, delays, user
 * preferences), with a delivery record and bounded retries for each channel attempt.
 */
@NullMarked
@ApplicationModule(displayName = "Message routing")
package io.orderpulse.routing;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
