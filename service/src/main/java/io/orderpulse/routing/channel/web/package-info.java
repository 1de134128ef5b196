/**
 * The channels' configuration API: an organization's webhook.
 */
@NullMarked
package io.orderpulse.routing.channel.web;

import org.jspecify.annotations.NullMarked;
