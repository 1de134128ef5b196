package io.orderpulse.flashsale;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;

import io.orderpulse.ClusterIntegrationTest;
import io.orderpulse.flashsale.AdmissionPort.Outcome;
import io.orderpulse.flashsale.internal.AdmissionReconciliation;
import io.orderpulse.flashsale.internal.FlashSaleRepository;
import io.orderpulse.flashsale.internal.FlashSaleSettings;
import io.orderpulse.identity.UserSummary;
import io.orderpulse.TestApi;
import io.orderpulse.TestApi.Response;
import io.orderpulse.ordering.OrderEvents.OrderCancelled;
import io.orderpulse.platform.cluster.ClusterNode;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.IncompleteEventPublications;

import static io.orderpulse.flashsale.FlashSaleShop.PROBLEM;
import static io.orderpulse.flashsale.FlashSaleShop.type;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Returning a unit of stock when Redis fails: the stored admission must not say the unit
 * came back while Redis still holds it, and the return must happen once Redis answers
 * again. The fault is real: the item's hash of admitted users in Redis is replaced by a
 * string, so the release script fails with Redis's WRONGTYPE error, as any Redis error
 * would. Both ways a unit comes back are covered: a cancelled order (its event is handled
 * again) and the reconciliation of an admission that never became an order (the next
 * run).
 */
@ClusterIntegrationTest
class FlashSaleRedisFaultTests {

	@Autowired
	ApplicationContext context;

	@Autowired
	TestApi api;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	StringRedisTemplate redis;

	@Autowired
	ClusterNode node;

	@Autowired
	IncompleteEventPublications incomplete;

	@Autowired
	AdmissionPort admission;

	@Autowired
	FlashSaleRepository repository;

	@Autowired
	AdmissionReconciliation reconciliation;

	@Autowired
	FlashSaleSettings settings;

	@Test
	void aUnitReturnedWhileRedisFailsComesBackOnceRedisAnswersAgain() {
		FlashSaleShop shop = new FlashSaleShop(this.context, "Redis fault");
		long itemId = shop.activeItem("Fault Tea", "9.00", "1.00", 1, null);
		String buyer = this.api.tokenFor(shop.newBuyer());
		String other = this.api.tokenFor(shop.newBuyer());
		long orderId = shop.buy(buyer, itemId);
		assertThat(type(shop.attempt(other, itemId))).isEqualTo(PROBLEM + "flash-sale-sold-out");

		String users = this.node.key("flash", itemId) + ":admitted";
		this.redis.rename(users, users + ":saved");
		this.redis.opsForValue().set(users, "broken");
		Response cancelled = this.api.send(this.api.request("/api/v1/orders/" + orderId + "/cancel", buyer)
			.POST(HttpRequest.BodyPublishers.noBody()));
		assertThat(cancelled.status()).as(cancelled.body()).isEqualTo(200);

		await().atMost(Duration.ofSeconds(20)).until(() -> failedReturns(orderId) == 1);
		assertThat(purchaseStatus(orderId)).as("the stored admission keeps its unit while Redis fails")
			.isEqualTo("ORDERED");
		assertThat(storedRemaining(itemId)).isZero();

		this.redis.delete(users);
		this.redis.rename(users + ":saved", users);
		this.incomplete.resubmitIncompletePublications((publication) -> publication.getEvent() instanceof OrderCancelled
				&& ((OrderCancelled) publication.getEvent()).orderId() == orderId);

		await().atMost(Duration.ofSeconds(20)).until(() -> "RELEASED".equals(purchaseStatus(orderId)));
		shop.awaitRemaining(itemId, 1);
		assertThat(storedRemaining(itemId)).isEqualTo(1);
		assertThat(this.redis.opsForHash().hasKey(users, Long.toString(buyerId(orderId)))).isFalse();
		assertThat(shop.attempt(other, itemId).status()).as("the returned unit sells again").isEqualTo(202);
		assertThat(type(shop.attempt(buyer, itemId))).isEqualTo(PROBLEM + "flash-sale-sold-out");
	}

	@Test
	void reconciliationKeepsAnAdmissionItCouldNotReturnToRedisAndReturnsItOnTheNextRun() {
		FlashSaleShop shop = new FlashSaleShop(this.context, "Redis fault reconcile");
		long itemId = shop.activeItem("Fault Cake", "9.00", "1.00", 1, null);
		UserSummary crashed = shop.newBuyer();
		String other = this.api.tokenFor(shop.newBuyer());
		String requestId = "flash-crashed-" + System.nanoTime();
		// admitted and recorded, then the node died before the order was queued
		assertThat(this.admission.admit(itemId, crashed.id(), Instant.now()).outcome()).isEqualTo(Outcome.ADMITTED);
		assertThat(this.repository.admit(itemId, crashed.id(), requestId)).isTrue();
		this.jdbc.sql("update flash_sale_purchases set created_at = now() - ? * interval '1 second' where item_id = ?")
			.params(this.settings.reconcileGrace().plusMinutes(1).toSeconds(), itemId)
			.update();

		String users = this.node.key("flash", itemId) + ":admitted";
		this.redis.rename(users, users + ":saved");
		this.redis.opsForValue().set(users, "broken");
		assertThat(this.reconciliation.reconcile(Instant.now())).isZero();
		assertThat(admissionStatus(requestId)).as("kept while Redis fails").isEqualTo("ADMITTED");
		assertThat(storedRemaining(itemId)).isZero();

		this.redis.delete(users);
		this.redis.rename(users + ":saved", users);
		assertThat(this.reconciliation.reconcile(Instant.now())).isEqualTo(1);
		assertThat(admissionStatus(requestId)).isEqualTo("RELEASED");
		assertThat(storedRemaining(itemId)).isEqualTo(1);
		assertThat(shop.remaining(itemId)).isEqualTo(1);
		assertThat(shop.attempt(other, itemId).status()).as("the returned unit sells again").isEqualTo(202);
	}

	private String admissionStatus(String requestId) {
		return this.jdbc.sql("select status from flash_sale_purchases where request_id = ?")
			.param(requestId)
			.query(String.class)
			.single();
	}

	private long failedReturns(long orderId) {
		return this.jdbc.sql("""
				select count(*) from event_publication
				where listener_id like '%FlashSaleListeners%' and serialized_event like ?
				  and completion_date is null and status = 'FAILED'
				""").param("%\"orderId\":" + orderId + "%").query(Long.class).single();
	}

	private String purchaseStatus(long orderId) {
		return this.jdbc.sql("select status from flash_sale_purchases where order_id = ?")
			.param(orderId)
			.query(String.class)
			.single();
	}

	private long buyerId(long orderId) {
		return this.jdbc.sql("select user_id from flash_sale_purchases where order_id = ?")
			.param(orderId)
			.query(Long.class)
			.single();
	}

	private int storedRemaining(long itemId) {
		return this.jdbc.sql("select remaining from flash_sale_items where id = ?")
			.param(itemId)
			.query(Integer.class)
			.single();
	}

}
