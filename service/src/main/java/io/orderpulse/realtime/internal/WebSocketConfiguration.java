package io.orderpulse.realtime.internal;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.server.support.DefaultHandshakeHandler;
import org.springframework.web.socket.server.jetty.JettyRequestUpgradeStrategy;

/**
 * STOMP over native WebSocket at {@code /ws} and over SockJS at {@code /sockjs}, on
 * Jetty. Both are public at the HTTP level: the STOMP CONNECT frame carries the access
 * token.
 * <p>
 * Jetty rather than Tomcat, by measurement: docs/decisions/0001-jetty-over-tomcat.md.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSocket
class WebSocketConfiguration implements WebSocketConfigurer {

	private final StompGateway gateway;

	private final RealtimeSettings settings;

	WebSocketConfiguration(StompGateway gateway, RealtimeSettings settings) {
		this.gateway = gateway;
		this.settings = settings;
	}

	@Override
	public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
		String[] origins = this.settings.allowedOriginPatterns().toArray(String[]::new);
		DefaultHandshakeHandler handshake = new DefaultHandshakeHandler(upgradeStrategy());
		registry.addHandler(this.gateway, "/ws").setHandshakeHandler(handshake).setAllowedOriginPatterns(origins);
		registry.addHandler(this.gateway, "/sockjs")
			.setHandshakeHandler(handshake)
			.setAllowedOriginPatterns(origins)
			.withSockJS();
	}

	/**
	 * Jetty's message limit is twice the frame limit, so frames just over the limit still
	 * reach the gateway and get a STOMP ERROR (larger ones are cut off by Jetty). The
	 * idle timeout only catches clients that negotiated no heart-beats: heart-beats keep
	 * a session busy.
	 */
	private JettyRequestUpgradeStrategy upgradeStrategy() {
		long messageLimit = 2 * this.settings.maxFrameSize().toBytes();
		JettyRequestUpgradeStrategy strategy = new JettyRequestUpgradeStrategy();
		strategy.addWebSocketConfigurer((socket) -> {
			socket.setIdleTimeout(this.settings.idleTimeout());
			socket.setMaxTextMessageSize(messageLimit);
			socket.setMaxBinaryMessageSize(messageLimit);
		});
		return strategy;
	}

}
