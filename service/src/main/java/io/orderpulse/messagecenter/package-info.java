/**
 * Message center: persisted messages to users, groups, organizations and everyone, each
 * recipient's read state and unread count, pushed live through the realtime module.
 */
@NullMarked
@ApplicationModule(displayName = "Message center")
package io.orderpulse.messagecenter;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
