package io.orderpulse.platform.broker;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import tools.jackson.databind.json.JsonMapper;

/**
 * The work registered per queue with {@link BrokerQueues#consume}, shared by both
 * brokers' implementations.
 */
final class WorkHandlers {

	private final Map<String, Handler<?>> handlers = new ConcurrentHashMap<>();

	private final JsonMapper json;

	WorkHandlers(JsonMapper json) {
		this.json = json;
	}

	<T> void register(String queue, Class<T> type, Consumer<T> work) {
		if (!BrokerQueues.ALL.contains(queue)) {
			throw new IllegalArgumentException("Unknown work queue " + queue);
		}
		if (this.handlers.putIfAbsent(queue, new Handler<>(type, work)) != null) {
			throw new IllegalStateException("Work for " + queue + " is registered already");
		}
	}

	/**
	 * Reads the body and runs the queue's work once.
	 * @throws IllegalStateException if no work is registered for the queue
	 * @throws RuntimeException whatever reading or the work threw
	 */
	void run(String queue, byte[] body) {
		Handler<?> handler = this.handlers.get(queue);
		if (handler == null) {
			throw new IllegalStateException("No work is registered for " + queue);
		}
		handler.run(this.json, body);
	}

	private record Handler<T>(Class<T> type, Consumer<T> work) {

		void run(JsonMapper json, byte[] body) {
			this.work.accept(json.readValue(body, this.type));
		}

	}

}
