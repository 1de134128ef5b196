/**
 * The external channels of message routing, each an adapter behind
 * {@link io.orderpulse.routing.channel.ChannelSender}.
 */
@NullMarked
package io.orderpulse.routing.channel;

import org.jspecify.annotations.NullMarked;
