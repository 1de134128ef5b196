package io.orderpulse.flashsale.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import io.orderpulse.IntegrationTest;
import io.orderpulse.TestApi;
import io.orderpulse.TestApi.Response;
import io.orderpulse.flashsale.AdmissionPort;
import io.orderpulse.flashsale.FlashSaleAdmitted;
import io.orderpulse.flashsale.FlashSaleShop;
import io.orderpulse.identity.UserSummary;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Admissions are stored in batches; one that disagrees with the stored admissions fails
 * alone, and the batch's others are stored with their events.
 */
@IntegrationTest
class AdmissionRecorderTests {

	@Autowired
	ApplicationContext context;

	@Autowired
	AdmissionRecorder recorder;

	@Autowired
	FlashSaleRepository repository;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TestApi api;

	@Autowired
	AdmissionPort admission;

	FlashSaleShop shop;

	@BeforeEach
	void shop() {
		this.shop = new FlashSaleShop(this.context, "Recorder");
	}

	@Test
	void aDisagreeingAdmissionFailsAloneAndTheOthersAreStored() {
		long itemId = this.shop.activeItem("Kettle", "30.00", "15.00", 50, null);
		UserSummary holder = this.shop.newBuyer();
		assertThat(this.repository.admit(itemId, holder.id(), "flash-earlier-" + System.nanoTime())).isTrue();
		List<UserSummary> buyers = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			buyers.add(this.shop.newBuyer());
		}
		String run = Long.toString(System.nanoTime(), 36);

		// submitted back to back, so most of them are written in one transaction with the
		// holder's second admission (which the database refuses: it holds one already)
		List<CompletableFuture<Boolean>> stored = new ArrayList<>();
		CompletableFuture<Boolean> refused = null;
		for (int i = 0; i < buyers.size(); i++) {
			stored.add(this.recorder
				.record(new FlashSaleAdmitted(itemId, buyers.get(i).id(), this.shop.tenant().orgId(), run + "-" + i)));
			if (i == 10) {
				refused = this.recorder
					.record(new FlashSaleAdmitted(itemId, holder.id(), this.shop.tenant().orgId(), run + "-again"));
			}
		}

		CompletableFuture.allOf(stored.toArray(CompletableFuture[]::new)).join();
		CompletableFuture<Boolean> again = refused;
		assertThatThrownBy(again::join).isInstanceOf(CompletionException.class)
			.cause()
			.isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("disagree");
		assertThat(this.jdbc.sql("select count(*) from flash_sale_purchases where item_id = ? and request_id like ?")
			.params(itemId, run + "-%")
			.query(Integer.class)
			.single()).as("every buyer's admission, not the holder's second").isEqualTo(20);
		assertThat(this.jdbc.sql("select remaining from flash_sale_items where id = ?")
			.param(itemId)
			.query(Integer.class)
			.single()).as("50 less the holder's unit and the 20 buyers'").isEqualTo(29);
		await().untilAsserted(() -> assertThat(this.jdbc.sql(
				"select count(*) from flash_sale_purchases where item_id = ? and request_id like ? and status = 'ORDERED'")
			.params(itemId, run + "-%")
			.query(Integer.class)
			.single()).as("each stored admission's event created its order").isEqualTo(20));
	}

	@Test
	void anAttemptWhoseAdmissionCannotBeStoredIsAnsweredWithAProblemAndItsUnitReturns() {
		long itemId = this.shop.activeItem("Toaster", "30.00", "15.00", 3, null);
		String first = this.api.tokenFor(this.shop.newBuyer());
		assertThat(this.shop.attempt(first, itemId).status()).as("loads the item into the engine").isEqualTo(202);
		// an admission the engine does not know of: the buyer's own attempt is admitted
		// by the engine and refused by the database
		UserSummary holder = this.shop.newBuyer();
		assertThat(this.repository.admit(itemId, holder.id(), "flash-elsewhere-" + System.nanoTime())).isTrue();

		Response refused = this.shop.attempt(this.api.tokenFor(holder), itemId);

		assertThat(refused.status()).as(refused.body()).isEqualTo(500);
		assertThat(refused.contentType()).startsWith("application/problem+json");
		assertThat(this.jdbc.sql("select count(*) from flash_sale_purchases where item_id = ? and user_id = ?")
			.params(itemId, holder.id())
			.query(Integer.class)
			.single()).as("only the admission stored before").isEqualTo(1);
		assertThat(this.admission.remaining(itemId)).as("the unit came back to the engine").isEqualTo(2);
	}

}
