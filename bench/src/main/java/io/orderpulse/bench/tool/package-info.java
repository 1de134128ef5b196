/**
 * The OrderPulse load tool: a command line ({@link io.orderpulse.bench.tool.BenchCli})
 * that drives the service's benchmark endpoints and holds many STOMP-over-WebSocket
 * sessions on a Netty event loop, measuring connects, delivery latency, loss and
 * duplicates.
 */
@NullMarked
package io.orderpulse.bench.tool;

import org.jspecify.annotations.NullMarked;
