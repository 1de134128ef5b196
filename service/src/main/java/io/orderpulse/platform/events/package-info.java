/**
 * How the modules' asynchronous event listeners run: a bounded pool of workers, and a job
 * that runs a listener again after it failed.
 */
@NullMarked
package io.orderpulse.platform.events;

import org.jspecify.annotations.NullMarked;
