package io.orderpulse.realtime.internal;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;

/**
 * STOMP over native WebSocket at {@code /ws} and over SockJS at {@code /sockjs}. Both are
 * public at the HTTP level: the STOMP CONNECT frame carries the access token.
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
		registry.addHandler(this.gateway, "/ws").setAllowedOriginPatterns(origins);
		registry.addHandler(this.gateway, "/sockjs").setAllowedOriginPatterns(origins).withSockJS();
	}

	/**
	 * The container's message buffers: twice the frame limit, so frames just over the
	 * limit still reach the gateway and get a STOMP ERROR (larger ones are cut off by the
	 * container).
	 */
	@Bean
	ServletServerContainerFactoryBean webSocketContainer() {
		int buffer = (int) Math.min(Integer.MAX_VALUE, 2 * this.settings.maxFrameSize().toBytes());
		ServletServerContainerFactoryBean container = new ServletServerContainerFactoryBean();
		container.setMaxTextMessageBufferSize(buffer);
		container.setMaxBinaryMessageBufferSize(buffer);
		return container;
	}

}
