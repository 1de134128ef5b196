package io.orderpulse.flashsale.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import io.orderpulse.flashsale.FlashSaleAdmitted;
import io.orderpulse.platform.database.GroupCommit;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Stores admissions (the admission row, the item's remaining stock and the
 * {@link FlashSaleAdmitted} event in the outbox) in batches through a
 * {@link GroupCommit}: one transaction for all the admissions that arrived while the
 * previous batch was written.
 * <p>
 * A flash sale admits its whole stock within a second, and every admission takes a unit
 * from the same item row. One transaction per admission held that row's lock across
 * several round trips, each of which waited behind hundreds of virtual threads answering
 * sold-out attempts for a turn on the cores (docs/decisions/0003-group-commit.md).
 * Batched, the row is locked once per batch; an admission that disagrees with the stored
 * ones fails alone (the batch is written again one by one).
 */
@Component
public class AdmissionRecorder implements DisposableBean {

	private static final int MAX_BATCH = 500;

	private final FlashSaleRepository repository;

	private final ApplicationEventPublisher publisher;

	private final GroupCommit<FlashSaleAdmitted, Boolean> commits;

	AdmissionRecorder(FlashSaleRepository repository, ApplicationEventPublisher publisher,
			TransactionTemplate transactions) {
		this.repository = repository;
		this.publisher = publisher;
		this.commits = new GroupCommit<>("flash-sale-admissions", MAX_BATCH, transactions, this::store);
	}

	/**
	 * Stores an admission the engine granted and publishes its event in the same
	 * transaction.
	 * @return completes once committed, or exceptionally with the reason it was not
	 * stored (the caller gives the unit back to the engine)
	 */
	public CompletableFuture<Boolean> record(FlashSaleAdmitted admitted) {
		return this.commits.submit(admitted);
	}

	private List<Boolean> store(List<FlashSaleAdmitted> admissions) {
		Map<Long, List<FlashSaleAdmitted>> byItem = new LinkedHashMap<>();
		for (FlashSaleAdmitted admitted : admissions) {
			byItem.computeIfAbsent(admitted.itemId(), (id) -> new ArrayList<>()).add(admitted);
		}
		byItem.forEach(this::store);
		admissions.forEach(this.publisher::publishEvent);
		return Collections.nCopies(admissions.size(), Boolean.TRUE);
	}

	private void store(long itemId, List<FlashSaleAdmitted> admissions) {
		long[] users = admissions.stream().mapToLong(FlashSaleAdmitted::userId).toArray();
		String[] requests = admissions.stream().map(FlashSaleAdmitted::requestId).toArray(String[]::new);
		if (!this.repository.admitAll(itemId, users, requests)) {
			throw new IllegalStateException((admissions.size() == 1)
					? "Admission of user " + users[0] + " to item " + itemId + " disagrees with the stored admissions"
					: admissions.size() + " admissions to item " + itemId
							+ " include one that disagrees with the stored admissions");
		}
	}

	@Override
	public void destroy() throws InterruptedException {
		this.commits.close();
	}

}
