/**
 * Cross-cutting infrastructure shared by every module: the database engine, HTTP error
 * handling and request limits.
 */
@NullMarked
@ApplicationModule(displayName = "Platform", type = ApplicationModule.Type.OPEN)
package io.orderpulse.platform;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
