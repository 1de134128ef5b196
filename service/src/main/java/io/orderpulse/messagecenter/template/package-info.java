/**
 * Message templates' engine, internal to the message center: the translator of the seed's
 * template syntax, the sandboxed Pebble renderer with its functions and filters, the
 * render budget (time and output) and the checking of variable values.
 */
@NullMarked
package io.orderpulse.messagecenter.template;

import org.jspecify.annotations.NullMarked;
