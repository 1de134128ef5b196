package io.orderpulse.realtime;

import java.lang.reflect.Type;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.orderpulse.IntegrationTest;
import io.orderpulse.TestApi;
import io.orderpulse.identity.Role;
import io.orderpulse.identity.UserSummary;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.messaging.converter.StringMessageConverter;
import org.springframework.messaging.simp.stomp.StompFrameHandler;
import org.springframework.messaging.simp.stomp.StompHeaders;
import org.springframework.messaging.simp.stomp.StompSession;
import org.springframework.messaging.simp.stomp.StompSessionHandlerAdapter;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.util.MimeTypeUtils;
import org.springframework.web.socket.WebSocketHttpHeaders;
import org.springframework.web.socket.client.standard.StandardWebSocketClient;
import org.springframework.web.socket.messaging.WebSocketStompClient;
import org.springframework.web.socket.sockjs.client.SockJsClient;
import org.springframework.web.socket.sockjs.client.WebSocketTransport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spring's {@link WebSocketStompClient} against the gateway, over native WebSocket and
 * SockJS.
 */
@IntegrationTest
class StompClientTests {

	@Autowired
	TestApi api;

	@Autowired
	UserEvents events;

	@Test
	void springsClientReceivesEventsOverWebSocket() throws Exception {
		WebSocketStompClient client = new WebSocketStompClient(new StandardWebSocketClient());
		exchangeEvents(client, this.api.ws().toString());
	}

	@Test
	void springsClientReceivesEventsOverSockJs() throws Exception {
		WebSocketStompClient client = new WebSocketStompClient(
				new SockJsClient(List.of(new WebSocketTransport(new StandardWebSocketClient()))));
		exchangeEvents(client, this.api.uri("/sockjs").toString());
	}

	private void exchangeEvents(WebSocketStompClient client, String url) throws Exception {
		client.setMessageConverter(new JsonAsText());
		// receipts and heart-beats need a scheduler
		ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
		scheduler.initialize();
		client.setTaskScheduler(scheduler);
		UserSummary user = this.api.createUser("Demo Org", "spring-client", Role.BUYER);
		UserEvent missed = this.events.publish(user.id(), Destinations.ORDER_UPDATES, Map.of("status", "PENDING"));
		StompHeaders connect = new StompHeaders();
		connect.add("Authorization", "Bearer " + this.api.tokenFor(user));
		StompSession session = client
			.connectAsync(url, new WebSocketHttpHeaders(), connect, new StompSessionHandlerAdapter() {
			})
			.get(10, TimeUnit.SECONDS);
		try {
			BlockingQueue<Received> received = new LinkedBlockingQueue<>();
			StompHeaders subscribe = new StompHeaders();
			subscribe.setDestination(Destinations.ORDER_UPDATES);
			subscribe.add("x-resume-after", "0");
			session.setAutoReceipt(true);
			StompSession.Receiptable subscription = session.subscribe(subscribe, new StompFrameHandler() {
				@Override
				public Type getPayloadType(StompHeaders headers) {
					return String.class;
				}

				@Override
				public void handleFrame(StompHeaders headers, Object payload) {
					received.add(new Received(headers, (String) payload));
				}
			});
			BlockingQueue<Boolean> receipt = new LinkedBlockingQueue<>();
			subscription.addReceiptTask(() -> receipt.add(true));
			assertThat(receipt.poll(10, TimeUnit.SECONDS)).isTrue();

			assertThat(received.poll(10, TimeUnit.SECONDS).headers().getFirst("x-recovered")).isEqualTo("true");
			Received replayed = received.poll(10, TimeUnit.SECONDS);
			assertThat(replayed.headers().getFirst("x-event-id")).isEqualTo(missed.eventId().toString());
			assertThat(replayed.payload()).isEqualTo("{\"status\":\"PENDING\"}");

			UserEvent live = this.events.publish(user.id(), Destinations.ORDER_UPDATES, Map.of("status", "COMPLETED"));
			Received pushed = received.poll(10, TimeUnit.SECONDS);
			assertThat(pushed.headers().getFirst("x-seq")).isEqualTo(Long.toString(live.seq()));
			assertThat(pushed.payload()).contains("COMPLETED");
		}
		finally {
			session.disconnect();
			client.stop();
			scheduler.shutdown();
		}
	}

	record Received(StompHeaders headers, String payload) {
	}

	/**
	 * Hands JSON bodies over as text.
	 */
	static final class JsonAsText extends StringMessageConverter {

		JsonAsText() {
			addSupportedMimeTypes(MimeTypeUtils.APPLICATION_JSON);
		}

	}

}
