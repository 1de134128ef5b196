package io.orderpulse.flashsale;

import java.net.http.HttpRequest.BodyPublishers;
import java.util.Arrays;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import io.orderpulse.ClusterIntegrationTest;
import io.orderpulse.TestApi;
import io.orderpulse.TestApi.Response;
import io.orderpulse.Tenants.Tenant;
import io.orderpulse.platform.broker.WorkQueues;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The context the {@code *ClusterTests} suites share really runs on the cluster engines:
 * flash-sale admission is Redis's, and order requests and flash-sale orders go through
 * the RabbitMQ queues (the in-process processors do not exist).
 */
@ClusterIntegrationTest
class ClusterEnginesTests {

	@Autowired
	ApplicationContext context;

	@Autowired
	TestApi api;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	WorkQueues queues;

	@Autowired
	MeterRegistry meters;

	@Test
	void admissionIsRedisAndOrdersGoThroughTheQueues() {
		assertThat(this.context.getBean(AdmissionPort.class).getClass().getSimpleName()).startsWith("RedisAdmission");
		assertThat(Arrays.stream(this.context.getBeanDefinitionNames())).noneMatch((name) -> name.contains("InProcess"))
			.anyMatch((name) -> name.contains("orderRequestQueue"))
			.anyMatch((name) -> name.contains("flashSaleOrderQueue"));

		FlashSaleShop shop = new FlashSaleShop(this.context, "Engines");
		Tenant tenant = shop.tenant();
		double ordersBefore = acknowledged(WorkQueues.ORDER_REQUESTS);
		double flashBefore = acknowledged(WorkQueues.FLASH_SALE_ORDERS);

		String key = "engines-" + UUID.randomUUID();
		long productId = tenant.product("Engine Tea", "3.00", 5);
		Response accepted = this.api.send(this.api.request("/api/v1/orders", tenant.buyer())
			.header("Idempotency-Key", key)
			.POST(BodyPublishers.ofString("{\"items\": [{\"productId\": %d, \"quantity\": 1}]}".formatted(productId))));
		assertThat(accepted.status()).isEqualTo(202);
		shop.awaitRequest(tenant.buyer(), key, "COMPLETED");
		assertThat(listeners(key)).anySatisfy((listener) -> assertThat(listener).contains("OrderRequestQueue"));
		assertThat(acknowledged(WorkQueues.ORDER_REQUESTS)).isGreaterThan(ordersBefore);

		long itemId = shop.activeItem("Engine Cake", "9.00", "1.00", 3, null);
		Response attempt = shop.attempt(tenant.buyer(), itemId);
		assertThat(attempt.status()).isEqualTo(202);
		String requestId = attempt.json().get("requestId").asString();
		shop.awaitRequest(tenant.buyer(), requestId, "COMPLETED");
		assertThat(listeners(requestId)).anySatisfy((listener) -> assertThat(listener).contains("FlashSaleOrderQueue"))
			.noneSatisfy((listener) -> assertThat(listener).contains("InProcess"));
		assertThat(acknowledged(WorkQueues.FLASH_SALE_ORDERS)).isGreaterThan(flashBefore);
	}

	private java.util.List<String> listeners(String requestId) {
		return this.jdbc.sql("select listener_id from event_publication where serialized_event like ?")
			.param("%" + requestId + "%")
			.query(String.class)
			.list();
	}

	private double acknowledged(String queue) {
		return this.meters.find("orderpulse.broker.messages")
			.tag("queue", this.queues.name(queue))
			.tag("outcome", "acknowledged")
			.counters()
			.stream()
			.mapToDouble((counter) -> counter.count())
			.sum();
	}

}
